// The table: a title bar, the column header and the visible rows only (the model is already windowed).
import { Box, Text } from 'ink';
import { healthColour } from '../src/ui-state/health.js';
import type { PaintedRow } from '../src/ui-state/table-model.js';

export function TitleBar({ title, width, noColor }: { title: string; width: number; noColor: boolean }) {
  const label = ` ${title} `;
  const side = Math.max(0, Math.floor((width - label.length) / 2));
  const rest = Math.max(0, width - side - label.length);
  return (
    <Text wrap="truncate-end" color={noColor ? undefined : 'cyan'}>
      {'─'.repeat(side)}
      <Text bold>{label}</Text>
      {'─'.repeat(rest)}
    </Text>
  );
}

export function Table(props: { header: string; rows: PaintedRow[]; height: number; stale: boolean; noColor: boolean }) {
  return (
    <Box flexDirection="column" height={props.height + 1} overflow="hidden">
      <Text bold wrap="truncate-end">{props.header}</Text>
      {props.rows.map((r) => (
        <Text
          key={r.uid}
          wrap="truncate-end"
          inverse={r.cursor}
          dimColor={props.stale}
          color={healthColour(r.health, props.noColor)}
        >
          {r.text}
        </Text>
      ))}
    </Box>
  );
}
