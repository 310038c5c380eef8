// The table: a title bar, the column header and the visible rows only (the model is already windowed).
// Every frame, Ink's Output re-reads each character handed to it (ANSI tokenising, width lookups) for the whole
// screen, so the cost of a frame grows with the characters written: a row's padding is handed over only where it is
// visible (inverse, underlined or on a background), and the body clips rows vertically only (each row is already
// truncated to the width; a horizontal clip would re-slice and re-tokenise every row).
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Palette } from '../src/ui-state/skin.js';
import type { PaintedRow } from '../src/ui-state/table-model.js';
import { columnHeaderRun, tableRowRun, titleBarRuns, type Run } from '../src/ui-state/frame-layout.js';
import { RunLine } from './Runs.js';

export function TitleBar({ title, width, palette }: { title: string; width: number; palette: Palette }) {
  return <RunLine runs={titleBarRuns(title, width, palette)} />;
}

/** One row; memoised, so a cursor move re-renders the two rows it changes, not the whole window. */
const TableRow = memo(function TableRow({ text, inverse, dim, bold, underline, color, bg }: Run) {
  return (
    <Text wrap="truncate-end" inverse={inverse} dimColor={dim} bold={bold} underline={underline} color={color} backgroundColor={bg}>
      {text}
    </Text>
  );
});

export function Table(props: { header: string; rows: PaintedRow[]; height: number; stale: boolean; palette: Palette }) {
  const p = props.palette;
  const header = columnHeaderRun(props.header, p);
  return (
    <Box flexDirection="column" height={props.height + 1} overflowY="hidden">
      <Text bold wrap="truncate-end" color={header.color} backgroundColor={header.bg}>{header.text}</Text>
      {props.rows.map((r) => (
        <TableRow key={r.key ?? r.uid} {...tableRowRun(r, props.stale, p)} />
      ))}
    </Box>
  );
}
