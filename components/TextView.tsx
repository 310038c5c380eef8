// The body of describe, YAML, logs and containers: a status line, then the window of lines the view model chose
// (already sanitised: nothing in them can reach the terminal as a control sequence). Clipped vertically only: each
// line is truncated or wrapped to the width already (a horizontal clip makes Ink re-slice every line each frame).
import { Box, Text } from 'ink';
import type { TextLine } from '../src/ui-state/views/types.js';

const COLOURS: Record<string, string> = { warn: 'yellow', hit: 'magenta', header: 'cyan' };

export function TextView(props: { lines: TextLine[]; status?: string; wrap: boolean; height: number; noColor: boolean }) {
  return (
    <Box flexDirection="column" height={props.height + 1} overflowY="hidden">
      <Text wrap="truncate-end" dimColor>{props.status || ' '}</Text>
      {props.lines.map((l, i) => (
        <Text
          key={i}
          wrap={props.wrap ? 'wrap' : 'truncate-end'}
          inverse={l.tone === 'cursor' || (props.noColor && l.tone === 'hit')}
          bold={l.tone === 'header'}
          dimColor={l.tone === 'dim'}
          color={props.noColor || !l.tone ? undefined : COLOURS[l.tone]}
        >
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
