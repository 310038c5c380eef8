// The prompt line: `:command` or `/filter`, with the completion suggestion dimmed after the cursor
// (its runs: src/ui-state/frame-layout.ts).
import type { Mode } from '../src/ui-state/keys.js';
import type { Palette } from '../src/ui-state/skin.js';
import { promptRuns } from '../src/ui-state/frame-layout.js';
import { RunLine } from './Runs.js';

export function Prompt({ mode, text, suggestion, noColor, palette = {} }: { mode: Mode; text: string; suggestion?: string; noColor: boolean; palette?: Palette }) {
  return <RunLine runs={promptRuns(mode, text, suggestion, noColor, palette)} />;
}
