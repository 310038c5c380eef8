// Go's text/tabwriter as kubectl's describe uses it (minwidth 0, tabwidth 8, padding 2, padchar ' '): cells end
// at a tab; a column is as wide as its widest cell in a block of consecutive lines that have that column.
// Written from the algorithm's description, so output lines up exactly as kubectl's does.

const PADDING = 2;

/** Aligns tab-separated lines. Cell widths count code points, as tabwriter counts runes. */
export function alignTabs(text: string): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];
  const width = (s: string) => [...s].length;

  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        if (j < cells.length - 1 && j < widths.length) line += c + ' '.repeat(Math.max(0, widths[j] - width(c)));
        else line += j < cells.length - 1 ? c : c;
      }
      out.push(line);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      // A block of lines that have a cell in this column starts here.
      write(line0, i);
      line0 = i;
      let w = 0;
      for (; i < line1; i++) {
        if (column >= lines[i].length - 1) break;
        w = Math.max(w, width(lines[i][column]) + PADDING);
      }
      widths.push(w);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--; // the outer loop's i++ brings us back to the first line after the block
    }
    write(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
