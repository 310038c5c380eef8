// The table: a title bar, the column header and the visible rows only (the model is already windowed).
import { Box, Text } from 'ink';
import { healthPaint, type Palette } from '../src/ui-state/skin.js';
import type { PaintedRow } from '../src/ui-state/table-model.js';

export function TitleBar({ title, width, palette }: { title: string; width: number; palette: Palette }) {
  const label = ` ${title} `;
  const side = Math.max(0, Math.floor((width - label.length) / 2));
  const rest = Math.max(0, width - side - label.length);
  return (
    <Text wrap="truncate-end" color={palette.title}>
      {'─'.repeat(side)}
      <Text bold>{label}</Text>
      {'─'.repeat(rest)}
    </Text>
  );
}

export function Table(props: { header: string; rows: PaintedRow[]; height: number; stale: boolean; palette: Palette }) {
  const p = props.palette;
  // A skin's cursor colours replace reverse video; without them (and under NO_COLOR) the cursor is inverse.
  const cursorPainted = !!(p.cursorFg || p.cursorBg);
  return (
    <Box flexDirection="column" height={props.height + 1} overflow="hidden">
      <Text bold wrap="truncate-end" color={p.columnHeaderFg} backgroundColor={p.columnHeaderBg}>{props.header}</Text>
      {props.rows.map((r) => (
        <Text
          key={r.key ?? r.uid}
          wrap="truncate-end"
          inverse={r.cursor && !cursorPainted}
          dimColor={props.stale}
          bold={r.marked}
          underline={r.marked}
          color={r.cursor && p.cursorFg ? p.cursorFg : (healthPaint(p, r.health) ?? p.tableFg)}
          backgroundColor={r.cursor && p.cursorBg ? p.cursorBg : p.tableBg}
        >
          {r.text}
        </Text>
      ))}
    </Box>
  );
}
