// `?`: the keys of the current view, as generated from the key registry, laid out in columns that fit.
import { Box, Text } from 'ink';
import type { Palette } from '../src/ui-state/skin.js';
import { layoutHelp } from '../src/ui-state/views/help.js';

export function Help({ lines, height, width, palette = {} }: { lines: { label: string; help: string }[]; height: number; width: number; palette?: Palette }) {
  return (
    <Box flexDirection="column" height={height + 1} overflowY="hidden">
      {layoutHelp(lines, height, width).map((cells, i) => (
        <Text key={i} wrap="truncate-end">
          {cells.map((c, j) => (
            <Text key={j}>
              <Text bold color={palette.helpKey}>{c.label}</Text>
              {c.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
