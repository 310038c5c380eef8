// The prompt line: `:command` or `/filter`, with the completion suggestion dimmed after the cursor.
import { Text } from 'ink';
import type { Mode } from '../src/ui-state/keys.js';

export function Prompt({ mode, text, suggestion, noColor }: { mode: Mode; text: string; suggestion?: string; noColor: boolean }) {
  if (mode !== 'command' && mode !== 'filter') return <Text> </Text>;
  const rest = suggestion && suggestion.startsWith(text) ? suggestion.slice(text.length) : '';
  return (
    <Text wrap="truncate-end">
      <Text bold color={noColor ? undefined : 'yellow'}>{mode === 'command' ? ':' : '/'}</Text>
      {text}
      <Text inverse>{rest ? rest[0] : ' '}</Text>
      <Text dimColor>{rest.slice(1)}</Text>
    </Text>
  );
}
