// What the table area says when there are no rows to show: loading, forbidden, an error with its hint.
import { Box, Text } from 'ink';
import type { BodyMessage } from '../src/ui-state/status.js';

export function Message({ message, height, noColor }: { message: BodyMessage; height: number; noColor: boolean }) {
  const colour = noColor ? undefined : message.tone === 'error' ? 'red' : message.tone === 'warn' ? 'yellow' : undefined;
  return (
    <Box flexDirection="column" height={height + 1} overflowY="hidden" paddingLeft={1}>
      <Text> </Text>
      <Text bold color={colour} wrap="wrap">{message.title}</Text>
      {message.lines.map((l, i) => (
        <Text key={i} wrap="wrap">{l}</Text>
      ))}
    </Box>
  );
}
