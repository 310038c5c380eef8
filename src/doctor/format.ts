// Printing a DoctorReport: one line per step (✓ pass, ! warn, ✗ fail, - skipped) with cause and fix under failures;
// with several contexts, one row per context and the details of the failing ones. Pure string builders.
import { displayWidth, padWidth } from '../text/sanitize.js';
import type { ContextReport, DoctorReport, StepReport, StepStatus } from './types.js';

const MARK: Record<StepStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
const STEP_WIDTH = 15;

function stepLines(s: StepReport): string[] {
  const lines = [` ${MARK[s.status]} ${s.step.padEnd(STEP_WIDTH)}${indentRest(s.summary)}`];
  const pad = ' '.repeat(STEP_WIDTH + 3);
  if (s.cause && s.cause !== s.summary) lines.push(`${pad}cause: ${indentRest(s.cause, pad + '       ')}`);
  if (s.fix) lines.push(`${pad}fix:   ${indentRest(s.fix, pad + '       ')}`);
  return lines;
}

function indentRest(text: string, pad = ' '.repeat(STEP_WIDTH + 3)): string {
  return text.split('\n').join(`\n${pad}`);
}

export function formatContext(c: ContextReport): string {
  const title = `Context "${c.context || '(in-cluster)'}"`;
  const warned = c.steps.filter((s) => s.status === 'warn').map((s) => s.step);
  // A warning (TLS not verified, plain http) is never summed up as "all checks passed".
  const verdict = !c.ok ? `Failed at: ${c.steps.find((s) => s.status === 'fail')?.step ?? 'unknown'}.`
    : warned.length ? `Passed with warnings: ${warned.join(', ')} (see ! above).` : 'All checks passed.';
  return [title, ...c.steps.flatMap(stepLines), verdict].join('\n');
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : padWidth(cell, widths[i]))).join('  ')).join('\n');
}

export function formatReport(report: DoctorReport, opts: { allContexts: boolean }): string {
  if (report.contexts.length === 0) return 'No contexts to check.\n';
  if (!opts.allContexts) return report.contexts.map(formatContext).join('\n\n') + '\n';
  const rows = [['CONTEXT', 'SERVER', 'AUTH', 'RESULT']];
  for (const c of report.contexts) {
    const failedStep = c.steps.find((s) => s.status === 'fail');
    const warned = c.steps.filter((s) => s.status === 'warn').map((s) => s.step);
    const result = failedStep ? `✗ ${failedStep.step}: ${failedStep.summary.split('\n')[0]}` : warned.length ? `! passed with warnings: ${warned.join(', ')}` : '✓ all checks passed';
    rows.push([c.context, c.server ?? '', c.auth ?? '', result]);
  }
  const failing = report.contexts.filter((c) => !c.ok);
  const details = failing.map((c) => {
    const s = c.steps.find((x) => x.status === 'fail')!;
    return [`${c.context}: ${s.step} failed`, ...stepLines(s).slice(1).map((l) => l.trimStart()).map((l) => `  ${l}`)].join('\n');
  });
  return [table(rows), ...(details.length ? ['', ...details] : [])].join('\n') + '\n';
}
