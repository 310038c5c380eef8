// `?`: the keys of the current view, as generated from the key registry; laid out in columns to fit 80x24.
import { Box, Text } from 'ink';
import type { Palette } from '../src/ui-state/skin.js';

export function Help({ lines, height, width, palette = {} }: { lines: { label: string; help: string }[]; height: number; width: number; palette?: Palette }) {
  const perColumn = Math.max(1, height);
  const columns: { label: string; help: string }[][] = [];
  for (let i = 0; i < lines.length; i += perColumn) columns.push(lines.slice(i, i + perColumn));
  const colWidth = Math.max(20, Math.floor(width / Math.max(1, columns.length)));
  return (
    <Box flexDirection="row" height={height + 1} overflow="hidden">
      {columns.map((col, c) => (
        <Box key={c} flexDirection="column" width={colWidth}>
          {col.map((l) => (
            <Text key={l.label} wrap="truncate-end">
              <Text bold color={palette.helpKey}>{l.label.padEnd(12)}</Text> {l.help}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
