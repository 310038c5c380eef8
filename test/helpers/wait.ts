// Polls a condition (tests never assert on timing; this only bounds how long they wait).
import { setTimeout as delay } from 'node:timers/promises';

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await delay(20);
  }
}
