/** Runs the API cases against one target (kubelab or the floor), one at a time and then `inFlight` at once. */
import type { Case } from './api-cases.ts';
import { expectOk, type Answer, type Requester } from './https-client.ts';
import { measure, type Summary } from './stats.ts';

export interface CaseResult {
  name: string;
  sequential?: Summary;
  parallel?: Summary;
}

/**
 * `capture` collects the first answer of each case (by benchCase), for the floor server to replay.
 * Read cases are warmed first (JIT, TLS sessions, caches), so the first samples are not start-up costs.
 */
export async function runSuite(
  client: Requester,
  list: Case[],
  inFlight: number,
  capture?: Map<string, Answer>,
): Promise<CaseResult[]> {
  for (const c of list) {
    const probe = c.request(0, 0);
    if (probe.method !== 'GET') continue;
    await measure(probe.path.endsWith('bench-get') ? 50 : 5, 1, async (i) => {
      await expectOk(client, c.request(i, 0));
    });
  }
  const results: CaseResult[] = [];
  for (const c of list) {
    const result: CaseResult = { name: c.name };
    const op = (offset: number) => async (i: number, worker: number) => {
      const req = c.request(offset + i, worker);
      const answer = await expectOk(client, req);
      if (capture && !capture.has(req.benchCase)) capture.set(req.benchCase, answer);
    };
    if (c.sequential > 0) result.sequential = await measure(c.sequential, 1, op(0));
    if (c.parallel > 0) result.parallel = await measure(c.parallel, inFlight, op(c.sequential));
    results.push(result);
  }
  return results;
}
