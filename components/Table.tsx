// The table: a title bar, the column header and the visible rows only (the model is already windowed).
// Every frame, Ink's Output re-reads each character handed to it (ANSI tokenising, width lookups) for the whole
// screen, so the cost of a frame grows with the characters written: a row's padding is handed over only where it is
// visible (inverse, underlined or on a background), and the body clips rows vertically only (each row is already
// truncated to the width; a horizontal clip would re-slice and re-tokenise every row).
import { memo } from 'react';
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

interface RowProps {
  text: string;
  inverse: boolean;
  dim: boolean;
  marked: boolean;
  color: string | undefined;
  bg: string | undefined;
}

/** One row; memoised, so a cursor move re-renders the two rows it changes, not the whole window. */
const TableRow = memo(function TableRow({ text, inverse, dim, marked, color, bg }: RowProps) {
  return (
    <Text wrap="truncate-end" inverse={inverse} dimColor={dim} bold={marked} underline={marked} color={color} backgroundColor={bg}>
      {text}
    </Text>
  );
});

export function Table(props: { header: string; rows: PaintedRow[]; height: number; stale: boolean; palette: Palette }) {
  const p = props.palette;
  // A skin's cursor colours replace reverse video; without them (and under NO_COLOR) the cursor is inverse.
  const cursorPainted = !!(p.cursorFg || p.cursorBg);
  return (
    <Box flexDirection="column" height={props.height + 1} overflowY="hidden">
      <Text bold wrap="truncate-end" color={p.columnHeaderFg} backgroundColor={p.columnHeaderBg}>{props.header}</Text>
      {props.rows.map((r) => {
        const inverse = r.cursor && !cursorPainted;
        const marked = !!r.marked;
        const bg = r.cursor && p.cursorBg ? p.cursorBg : p.tableBg;
        // Trailing spaces show only in reverse video, underlined or on a background; elsewhere they are characters
        // Ink would tokenise for nothing (a row is never empty: it would lose its line).
        const text = inverse || marked || bg ? r.text : r.text.trimEnd() || ' ';
        const color = r.cursor && p.cursorFg ? p.cursorFg : (healthPaint(p, r.health) ?? p.tableFg);
        return <TableRow key={r.key ?? r.uid} text={text} inverse={inverse} dim={props.stale} marked={marked} color={color} bg={bg} />;
      })}
    </Box>
  );
}
