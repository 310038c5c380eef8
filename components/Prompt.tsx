// The prompt line: `:command` or `/filter`, with the completion suggestion dimmed after the cursor.
import { Text } from 'ink';
import type { Mode } from '../src/ui-state/keys.js';
import type { Palette } from '../src/ui-state/skin.js';

export function Prompt({ mode, text, suggestion, noColor, palette = {} }: { mode: Mode; text: string; suggestion?: string; noColor: boolean; palette?: Palette }) {
  if (mode !== 'command' && mode !== 'filter') return <Text> </Text>;
  const rest = suggestion && suggestion.startsWith(text) ? suggestion.slice(text.length) : '';
  return (
    <Text wrap="truncate-end">
      <Text bold color={noColor ? undefined : 'yellow'}>{mode === 'command' ? ':' : '/'}</Text>
      <Text color={palette.promptFg}>{text}</Text>
      <Text inverse>{rest ? rest[0] : ' '}</Text>
      <Text dimColor color={palette.promptSuggest}>{rest.slice(1)}</Text>
    </Text>
  );
}
