// The mutating actions, each ending in one result line. Below the UI: they take a client (read-only mode wraps
// it, see transport/read-only.ts) and a target, and never touch the screen.
export { attempt, describeTarget, failed, done, type ActionResult, type Target } from './result.js';
export { deleteResource, killPod, effectiveGrace, type DeleteOptions, type Propagation } from './delete.js';
export { scale, restart, rollback, parseReplicas, RESTARTED_AT } from './workloads.js';
export { trigger, setSuspended, manualJobName, jobFromCronJob } from './cronjobs.js';
export { setCordoned, drain, drainFilter, type DrainOptions, type DrainResult, type PodOutcome } from './nodes.js';
export { editObject, fileEditor, editorCommand, editorFile, CANCELLED, type OpenEditor, type RunInTerminal } from './edit.js';
