// A dialog in place of the table: its lines as the model gives them (focused field inverse, error in red).
import { Box, Text } from 'ink';

export function Dialog({ lines, height, noColor }: { lines: { text: string; focus?: boolean; error?: boolean }[]; height: number; noColor: boolean }) {
  return (
    <Box flexDirection="column" height={height + 1} overflowY="hidden" borderStyle={undefined}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" bold={i === 0} inverse={l.focus} color={l.error && !noColor ? 'red' : undefined}>
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
