// The `:` and `/` prompt editor: typing, Backspace, Ctrl-U, Tab completion, history, Enter and Esc.
import type { Key } from 'ink';
import { top, type AppState, type Msg } from './app-state.js';
import { complete, type CompletionSources } from './command.js';
import { parseFilter } from './filter.js';
import type { ResourceView } from './views.js';

export interface PromptContext {
  state: AppState;
  dispatch(m: Msg): void;
  patch(p: Partial<ResourceView>): void;
  execute(line: string): void;
  quit(): void;
  completionSources(): CompletionSources;
}

export function onPromptKey(input: string, k: Key, ctx: PromptContext): void {
  const { state, dispatch, patch } = ctx;
  const view = top(state);
  const isFilter = state.mode === 'filter';
  const setText = (text: string) => {
    dispatch({ type: 'prompt', text });
    if (isFilter && view.kind === 'resource' && !text.trim().startsWith('-l')) patch({ filterText: text, cursorIndex: 0, cursorUid: undefined });
    // Describe/YAML search and the logs filter apply as typed; the view keeps its place (a followed log stays followed).
    if (isFilter && view.kind === 'inspect') dispatch({ type: 'patchTop', patch: { filterText: text } });
  };
  if (k.escape) {
    if (isFilter && view.kind === 'inspect') dispatch({ type: 'patchTop', patch: { filterText: '' } });
    else if (isFilter) patch({ filterText: '', filterSelector: undefined });
    dispatch({ type: 'mode', mode: 'table' });
    return;
  }
  if (k.return) {
    const text = state.prompt.trim();
    if (isFilter) {
      const parsed = parseFilter(text);
      if (view.kind === 'resource') patch({ filterSelector: parsed.labelSelector, filterText: parsed.labelSelector ? '' : state.prompt, cursorIndex: 0, cursorUid: undefined });
      if (view.kind === 'inspect') dispatch({ type: 'patchTop', patch: { filterText: state.prompt } });
      dispatch({ type: 'mode', mode: 'table' });
    } else if (text === '') dispatch({ type: 'mode', mode: 'table' });
    else ctx.execute(text);
    return;
  }
  if (k.tab) {
    if (!isFilter) dispatch({ type: 'prompt', text: complete(state.prompt, ctx.completionSources()) });
    return;
  }
  if (k.upArrow || k.downArrow) {
    if (!isFilter) dispatch({ type: 'promptHistory', delta: k.upArrow ? -1 : 1 });
    return;
  }
  if (k.backspace || k.delete) {
    setText(state.prompt.slice(0, -1));
    return;
  }
  if (k.ctrl && input === 'c') {
    ctx.quit();
    return;
  }
  if (k.ctrl && input === 'u') {
    setText('');
    return;
  }
  if (input && !k.ctrl && !k.meta && !/[\x00-\x1f]/.test(input)) setText(state.prompt + input);
}

/** The hint line while a prompt is open. */
export function promptHints(mode: 'command' | 'filter'): string {
  return mode === 'command' ? '<Tab> complete  <↑/↓> history  <Enter> run  <Esc> cancel' : '<Enter> apply  <Esc> clear  !inverse  -l label selector';
}
