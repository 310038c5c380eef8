// The dashboard's state machine: the view stack, prompts, namespace, context and flash line. A pure reducer;
// the App component dispatches to it and performs the few side effects (quitting, connecting, saving favourites).
import type { CatalogueView, ResourceRef } from './engine-types.js';
import { resourceId } from '../api/catalogue.js';
import { historyAdd, historyMove, parseCommand, type Command, type PromptHistory } from './command.js';
import type { Mode } from './keys.js';
import { contextsView, resourceView, type ResourceView, type View } from './views.js';
import type { Dialog } from './dialog.js';

export interface Flash {
  text: string;
  level: 'info' | 'warn' | 'error';
}

export interface AppState {
  context: string;
  previousContext?: string;
  /** The namespace new views open in; undefined = all namespaces. */
  namespace?: string;
  stack: View[];
  mode: Mode;
  prompt: string;
  promptHistory: PromptHistory;
  /** Commands that opened views, for `-` and `[`/`]`. */
  commands: PromptHistory;
  flash?: Flash;
  /** The open dialog (mode 'dialog'). */
  dialog?: Dialog;
  quit: boolean;
  /** Where each context was left (namespace and view stack), so a flip back lands where the user was,
   *  on the same informer keys the registry keeps warm. */
  left: Record<string, { namespace?: string; stack: View[] }>;
}

export type Msg =
  | { type: 'mode'; mode: Mode }
  | { type: 'prompt'; text: string }
  | { type: 'promptHistory'; delta: -1 | 1 }
  | { type: 'open'; view: View; command?: string; recordCommand?: boolean; commandIndex?: number }
  | { type: 'push'; view: View }
  | { type: 'back' }
  | { type: 'patchTop'; patch: Partial<ResourceView> | Partial<View> }
  | { type: 'namespace'; namespace: string | undefined }
  /** `restore`: go back to where this context was left, when it was visited before. */
  | { type: 'context'; context: string; namespace: string | undefined; view: View; restore?: boolean }
  | { type: 'flash'; flash?: Flash }
  /** Opens (or, without a dialog, closes) a dialog. */
  | { type: 'dialog'; dialog?: Dialog }
  | { type: 'quit' };

export function initialState(context: string, namespace: string | undefined, first: View, command: string): AppState {
  return {
    context,
    namespace,
    stack: [first],
    mode: 'table',
    prompt: '',
    promptHistory: { entries: [], index: 0 },
    commands: { entries: [command], index: 0 },
    quit: false,
    left: {},
  };
}

export function top(s: AppState): View {
  return s.stack[s.stack.length - 1];
}

export function reduce(s: AppState, m: Msg): AppState {
  switch (m.type) {
    case 'mode':
      return { ...s, mode: m.mode, prompt: m.mode === 'command' || m.mode === 'filter' ? initialPrompt(s, m.mode) : s.prompt };
    case 'prompt':
      return { ...s, prompt: m.text };
    case 'promptHistory': {
      const { history, line } = historyMove(s.promptHistory, m.delta);
      return { ...s, promptHistory: history, prompt: line ?? s.prompt };
    }
    case 'open': {
      let commands = s.commands;
      if (m.command !== undefined && m.recordCommand !== false) {
        const entries = [...s.commands.entries.slice(0, s.commands.index + 1), m.command].slice(-50);
        commands = { entries, index: entries.length - 1 };
      } else if (m.commandIndex !== undefined) {
        commands = { ...s.commands, index: m.commandIndex };
      }
      const promptHistory = m.command !== undefined && m.recordCommand !== false ? historyAdd(s.promptHistory, m.command) : s.promptHistory;
      return { ...s, stack: [m.view], mode: 'table', prompt: '', commands, promptHistory, flash: undefined };
    }
    case 'push':
      return { ...s, stack: [...s.stack, m.view], mode: 'table', flash: undefined };
    case 'back': {
      const t = top(s);
      if (t.kind === 'resource' && (t.filterText || t.filterSelector)) {
        return patchTop(s, { filterText: '', filterSelector: undefined, cursorIndex: 0 });
      }
      if (t.kind === 'inspect' && t.filterText) return patchTop(s, { filterText: '' });
      return s.stack.length > 1 ? { ...s, stack: s.stack.slice(0, -1), flash: undefined } : s;
    }
    case 'patchTop':
      return patchTop(s, m.patch);
    case 'namespace': {
      const t = top(s);
      const s2 = { ...s, namespace: m.namespace };
      return t.kind === 'resource' ? patchTop(s2, { namespace: m.namespace, cursorIndex: 0, cursorUid: undefined }) : s2;
    }
    case 'context': {
      // Remember the resource views (a context list on top is how the user left, not where they were).
      const kept = s.stack.filter((v) => v.kind === 'resource');
      const left = kept.length ? { ...s.left, [s.context]: { namespace: s.namespace, stack: kept } } : s.left;
      const back = m.restore ? s.left[m.context] : undefined;
      return {
        ...s,
        left,
        previousContext: m.context === s.context ? s.previousContext : s.context,
        context: m.context,
        namespace: back ? back.namespace : m.namespace,
        stack: back ? back.stack : [m.view],
        mode: 'table',
        prompt: '',
        flash: undefined,
      };
    }
    case 'flash':
      return { ...s, flash: m.flash };
    case 'dialog':
      return m.dialog ? { ...s, dialog: m.dialog, mode: 'dialog' } : { ...s, dialog: undefined, mode: 'table' };
    case 'quit':
      return { ...s, quit: true };
  }
}

function initialPrompt(s: AppState, mode: Mode): string {
  const t = top(s);
  return mode === 'filter' && t.kind === 'resource' ? t.filterText || (t.filterSelector ? `-l ${t.filterSelector}` : '') : '';
}

function patchTop(s: AppState, patch: Partial<View>): AppState {
  const stack = [...s.stack];
  stack[stack.length - 1] = { ...stack[stack.length - 1], ...patch } as View;
  return { ...s, stack };
}


export interface CommandEnv {
  catalogue?: CatalogueView;
  contexts: string[];
  aliases?: Record<string, string>;
}

/** What running a `:` line means: state messages, or a context switch the App must perform (it needs I/O). */
export type CommandOutcome =
  | { kind: 'msgs'; msgs: Msg[] }
  | { kind: 'switch'; context: string; then?: Extract<Command, { kind: 'resource' }> }
  | { kind: 'quit' };

export function runCommand(s: AppState, line: string, env: CommandEnv, record = true): CommandOutcome {
  const cmd = parseCommand(line, env.aliases);
  const flash = (text: string, level: Flash['level'] = 'warn'): CommandOutcome => ({ kind: 'msgs', msgs: [{ type: 'mode', mode: 'table' }, { type: 'flash', flash: { text, level } }] });
  switch (cmd.kind) {
    case 'quit':
      return { kind: 'quit' };
    case 'invalid':
      return flash(cmd.message);
    case 'help':
      return { kind: 'msgs', msgs: [{ type: 'mode', mode: 'help' }] };
    case 'contexts':
      // Pushed, not a new root: Esc returns to the table, and a flip remembers the views under it.
      return { kind: 'msgs', msgs: [{ type: 'push', view: contextsView(s.context) }] };
    case 'context': {
      const name = cmd.name === '-' ? s.previousContext : cmd.name;
      if (!name) return flash('no previous context');
      if (!env.contexts.includes(name)) return flash(`context "${name}" not found in kubeconfig`);
      return { kind: 'switch', context: name };
    }
    case 'namespaces':
      return openResource(s, { kind: 'resource', resource: 'namespaces' }, line, env, record);
    case 'namespace':
      return { kind: 'msgs', msgs: [{ type: 'mode', mode: 'table' }, { type: 'namespace', namespace: cmd.name === 'all' || cmd.name === '-A' ? undefined : cmd.name }] };
    case 'resource':
      if (cmd.context && cmd.context !== s.context) {
        if (!env.contexts.includes(cmd.context)) return flash(`context "${cmd.context}" not found in kubeconfig`);
        return { kind: 'switch', context: cmd.context, then: cmd };
      }
      return openResource(s, cmd, line, env, record);
  }
}

export function openResource(
  s: AppState,
  cmd: Extract<Command, { kind: 'resource' }>,
  line: string,
  env: CommandEnv,
  record = true,
): CommandOutcome {
  if (!env.catalogue) {
    return { kind: 'msgs', msgs: [{ type: 'mode', mode: 'table' }, { type: 'flash', flash: { text: 'resources are still being discovered; try again in a moment', level: 'warn' } }] };
  }
  const ref = env.catalogue.resolve(cmd.resource);
  if (!ref) {
    return { kind: 'msgs', msgs: [{ type: 'mode', mode: 'table' }, { type: 'flash', flash: { text: `unknown resource "${cmd.resource}"`, level: 'error' } }] };
  }
  const namespace = cmd.namespace === undefined ? s.namespace : cmd.namespace === '' ? undefined : cmd.namespace;
  const view = resourceView(resourceId(ref), namespace, { labelSelector: cmd.labelSelector });
  const msgs: Msg[] = [{ type: 'open', view, command: line.trim(), recordCommand: record }];
  if (cmd.namespace !== undefined && ref.namespaced) msgs.unshift({ type: 'namespace', namespace });
  return { kind: 'msgs', msgs };
}
