// The `:` prompt: parsing a command line, completing it, and its up/down history. Pure functions.
import { namespaceProblem } from './names.js';

export type Command =
  | { kind: 'quit' }
  | { kind: 'contexts' }
  | { kind: 'context'; name: string } // name "-" = the previous context
  | { kind: 'namespaces' }
  | { kind: 'namespace'; name: string }
  | { kind: 'help' }
  | {
      kind: 'resource';
      resource: string;
      /** undefined: keep the current namespace; "" (from -A or "all"): all namespaces. */
      namespace?: string;
      labelSelector?: string;
      context?: string;
    }
  | { kind: 'invalid'; message: string };

/**
 * Parses `:` input as k9s does: `q`, `ctx [NAME|-]`, `ns [NAME]`, `RES [NS] [-n NS] [-A] [k=v,..] [@CTX]`.
 * `aliases` (from config) rewrite the first word, e.g. { dp: "deployments" } or { sys: "pods -n kube-system" }.
 */
export function parseCommand(line: string, aliases: Record<string, string> = {}): Command {
  let words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'invalid', message: 'empty command' };
  const alias = aliases[words[0]];
  if (alias) words = [...alias.trim().split(/\s+/), ...words.slice(1)];
  const [head, ...args] = words;
  switch (head) {
    case 'q': case 'q!': case 'quit': case 'qa':
      return { kind: 'quit' };
    case '?': case 'help':
      return { kind: 'help' };
    case 'ctx': case 'context': case 'contexts':
      return args.length ? { kind: 'context', name: args[0] } : { kind: 'contexts' };
  }
  if ((head === 'ns' || head === 'namespace' || head === 'namespaces') && args.length === 1) {
    const bad = args[0] === 'all' || args[0] === '-A' ? undefined : namespaceProblem(args[0]);
    return bad ? { kind: 'invalid', message: bad } : { kind: 'namespace', name: args[0] };
  }
  if ((head === 'ns' || head === 'namespace' || head === 'namespaces') && args.length === 0) return { kind: 'namespaces' };
  const cmd: Extract<Command, { kind: 'resource' }> = { kind: 'resource', resource: head };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-A' || a === '--all-namespaces' || a === 'all' || a === '*') cmd.namespace = '';
    else if (a === '-n' || a === '--namespace') {
      if (!args[i + 1]) return { kind: 'invalid', message: `${a} needs a namespace` };
      cmd.namespace = args[++i];
    } else if (a === '-l' || a === '--selector') {
      if (!args[i + 1]) return { kind: 'invalid', message: `${a} needs a label selector` };
      cmd.labelSelector = args[++i];
    } else if (a.startsWith('-l') || a.startsWith('--selector=')) cmd.labelSelector = a.startsWith('-l') ? a.slice(2) : a.slice('--selector='.length);
    else if (a.startsWith('@')) cmd.context = a.slice(1);
    else if (a.includes('=') || a.includes('!') || /\s(in|notin)\s/.test(a)) cmd.labelSelector = a;
    else if (cmd.namespace === undefined) cmd.namespace = a;
    else return { kind: 'invalid', message: `unexpected "${a}"` };
  }
  const bad = cmd.namespace ? namespaceProblem(cmd.namespace) : undefined;
  return bad ? { kind: 'invalid', message: bad } : cmd;
}

export interface CompletionSources {
  /** Every name a resource answers to (plurals, singulars, short names, aliases…). */
  resources: string[];
  contexts: string[];
  namespaces: string[];
}

const BUILTINS = ['ctx', 'ns', 'q', 'quit', 'help'];

function candidatesFor(line: string, src: CompletionSources): { stem: string; word: string; words: string[] } {
  const lastSpace = line.lastIndexOf(' ');
  const stem = line.slice(0, lastSpace + 1);
  const word = line.slice(lastSpace + 1);
  const first = stem.trim().split(/\s+/)[0];
  if (lastSpace < 0) return { stem, word, words: [...BUILTINS, ...src.resources] };
  if (first === 'ctx' || first === 'context') return { stem, word, words: src.contexts };
  return { stem, word, words: src.namespaces };
}

/** The first candidate that extends the current word (shown dimmed after the cursor), or undefined. */
export function suggest(line: string, src: CompletionSources): string | undefined {
  const { stem, word, words } = candidatesFor(line, src);
  if (word === '') return undefined;
  const hit = [...new Set(words)].filter((w) => w.startsWith(word) && w !== word).sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  return hit === undefined ? undefined : stem + hit;
}

/** Tab: complete to the unique match, else to the longest prefix shared by every match. */
export function complete(line: string, src: CompletionSources): string {
  const { stem, word, words } = candidatesFor(line, src);
  const matches = [...new Set(words)].filter((w) => w.startsWith(word));
  if (matches.length === 0) return line;
  if (matches.length === 1) return stem + matches[0];
  let prefix = matches[0];
  for (const m of matches) while (!m.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (prefix.length > word.length) return stem + prefix;
  const shortest = suggest(line, src);
  return shortest ?? line;
}

/** Up/down history of prompt lines, newest last. `index === entries.length` means "the line being typed". */
export interface PromptHistory {
  entries: string[];
  index: number;
}

export function historyAdd(h: PromptHistory, line: string, max = 100): PromptHistory {
  const entries = [...h.entries.filter((e) => e !== line), line].slice(-max);
  return { entries, index: entries.length };
}

export function historyMove(h: PromptHistory, delta: -1 | 1): { history: PromptHistory; line?: string } {
  const index = Math.max(0, Math.min(h.entries.length, h.index + delta));
  return { history: { ...h, index }, line: index < h.entries.length ? h.entries[index] : '' };
}
