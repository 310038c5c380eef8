// Edit as `kubectl edit` does: the object as YAML in $KUBE_EDITOR/$EDITOR; saving sends an update carrying the
// object's resourceVersion; a conflict, a validation error or YAML that does not parse reopens the editor with
// the error on top; an empty or unchanged file sends nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KubeClient } from '../transport/types.js';
import { ApiStatusError } from '../errors.js';
import { attempt, describeTarget, done, failed, targetPath, type ActionResult, type Target } from './result.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HEADER = [
  '# Please edit the object below. Lines beginning with a \'#\' will be ignored,',
  '# and an empty file will abort the edit. If an error occurs while saving this file will be',
  '# reopened with the relevant failures.',
  '#',
];

export const CANCELLED = 'Edit cancelled, no changes made.';

/** The file the editor gets: kubectl's header, the errors of the last save (if any), then the YAML. */
export function editorFile(yaml: string, errors: string[] = []): string {
  const errorLines = errors.length ? [...errors.flatMap((e) => e.split('\n').map((l) => `# ${l}`)), '#'] : [];
  return [...HEADER, ...errorLines, yaml.trimEnd(), ''].join('\n');
}

/** The file without its comment lines (kubectl drops every line that starts with '#'). */
export function withoutComments(text: string): string {
  return text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
}

const same = (a: string, b: string) => a.trim() === b.trim();

/** Why the server refused a save, worded for the top of the reopened file. */
function saveError(t: Target, err: ApiStatusError): string[] {
  const causes = (err.status.details?.causes ?? []).map((c) => `* ${c.field ? `${c.field}: ` : ''}${c.message ?? ''}`);
  if (err.code === 422 && causes.length) return [`${describeTarget(t)} was not valid:`, ...causes];
  return [`error: ${err.message}`];
}

export type OpenEditor = (text: string) => Promise<string>;

/** Runs the edit loop; `openEditor` shows a file to the user and resolves with what they saved. */
export function editObject(client: KubeClient, t: Target, openEditor: OpenEditor, maxRounds = 20): Promise<ActionResult> {
  return attempt(async () => {
    const obj = await client.requestJson<Any>({ path: targetPath(t) });
    if (obj.metadata) delete obj.metadata.managedFields;
    const original = stringify(obj);
    let shown = original;
    let errors: string[] = [];
    for (let round = 0; round < maxRounds; round++) {
      const saved = withoutComments(await openEditor(editorFile(shown, errors)));
      if (saved.trim() === '' || same(saved, original)) return done(CANCELLED);
      // Reopened after an error and saved again unchanged: give up, as kubectl does.
      if (errors.length && same(saved, shown)) return failed('edit cancelled, no valid changes were saved');
      shown = saved;
      let next: Any;
      try {
        next = parse(saved) as Any;
        if (!next || typeof next !== 'object' || Array.isArray(next)) throw new Error('the file must hold one object');
      } catch (e) {
        errors = [`error: the edited file is not valid YAML: ${(e as Error).message.split('\n')[0]}`];
        continue;
      }
      try {
        // Unknown fields are an error, not silently dropped (kubectl edit's default --validate=strict).
        await client.requestJson({ method: 'PUT', path: targetPath(t), body: next, query: { fieldValidation: 'Strict' } });
        return done(`edited ${describeTarget(t)}`);
      } catch (err) {
        if (err instanceof ApiStatusError && [400, 409, 422].includes(err.code)) {
          errors = saveError(t, err);
          continue;
        }
        throw err;
      }
    }
    return failed('edit cancelled after too many failed saves');
  });
}

/** $KUBE_EDITOR, else $EDITOR, else vi (kubectl's order). */
export function editorCommand(env: Record<string, string | undefined>): string {
  return env.KUBE_EDITOR?.trim() || env.EDITOR?.trim() || 'vi';
}

/** Runs a command with the terminal; resolves with its exit code. The UI passes its terminal hand-over here. */
export type RunInTerminal = (command: string, args: string[]) => Promise<number>;

const spawnWithTerminal: RunInTerminal = async (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

/**
 * An OpenEditor over a temporary file and the user's editor. The editor command may carry arguments
 * ("code --wait"), so it goes through sh with the file as "$1", as kubectl runs editors with spaces via a shell.
 */
export function fileEditor(env: Record<string, string | undefined>, run: RunInTerminal = spawnWithTerminal): OpenEditor {
  return async (text) => {
    const dir = mkdtempSync(join(tmpdir(), 'kdeck-edit-'));
    const file = join(dir, 'edit.yaml');
    try {
      writeFileSync(file, text, { mode: 0o600 });
      const code = await run('/bin/sh', ['-c', `${editorCommand(env)} "$1"`, 'kdeck-editor', file]);
      // A failing editor counts as "no change", as kubectl treats it as an aborted edit.
      return code === 0 ? readFileSync(file, 'utf8') : text;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
