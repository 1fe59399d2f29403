/** Job (NonIndexed) story: parallelism, completions, backoffLimit, conditions and events of 1.32. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Action } from '../common/actions.ts';
import type { Pod } from '../common/types.ts';
import type { Job } from './reconcile.ts';
import { reconcileJob } from './reconcile.ts';

const NOW = new Date('2026-01-01T12:00:00Z');

function job(spec: Partial<Job['spec']> = {}, status?: Job['status']): Job {
  const j: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
      template: {
        metadata: {
          labels: { 'batch.kubernetes.io/controller-uid': 'job-uid', 'batch.kubernetes.io/job-name': 'pi' },
        },
        spec: { containers: [{ name: 'pi' }], restartPolicy: 'Never' },
      },
      ...spec,
    },
  };
  if (status) j.status = status;
  return j;
}

function pod(name: string, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', finishedAt?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: { 'batch.kubernetes.io/controller-uid': 'job-uid' },
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true },
      ],
    },
    spec: { containers: [{ name: 'pi' }] },
    status: {
      phase,
      containerStatuses: finishedAt ? [{ name: 'pi', state: { terminated: { finishedAt } } }] : [],
    },
  };
}

const creates = (a: Action[]) => a.filter((x) => x.type === 'create').length;
const statusOf = (a: Action[]) => {
  const s = a.find((x) => x.type === 'updateStatus');
  return s?.type === 'updateStatus' ? (s.object as Job).status : undefined;
};

describe('Job (NonIndexed)', () => {
  test('starts `parallelism` pods, never more than the remaining completions', () => {
    assert.equal(
      creates(reconcileJob({ job: job({ parallelism: 2, completions: 5 }), pods: [], now: NOW }).actions),
      2,
    );
    const rest = reconcileJob({
      job: job({ parallelism: 3, completions: 5 }),
      pods: [pod('a', 'Succeeded'), pod('b', 'Succeeded'), pod('c', 'Succeeded')],
      now: NOW,
    });
    assert.equal(creates(rest.actions), 2);
    assert.equal(statusOf(rest.actions)?.startTime, '2026-01-01T12:00:00Z');
  });

  test('completes: SuccessCriteriaMet then Complete (CompletionsReached), completionTime, event Completed', () => {
    const out = reconcileJob({
      job: job({ completions: 1 }, { startTime: '2026-01-01T11:59:00Z' }),
      pods: [pod('a', 'Succeeded')],
      now: NOW,
    });
    const st = statusOf(out.actions)!;
    assert.deepEqual(
      st.conditions?.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
        ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ],
    );
    assert.deepEqual([st.succeeded, st.completionTime, st.active], [1, '2026-01-01T12:00:00Z', undefined]);
    const ev = out.actions.find((a) => a.type === 'event');
    assert.ok(ev?.type === 'event');
    assert.deepEqual([ev.event.reason, ev.event.message], ['Completed', 'Job completed']);
  });

  test('past backoffLimit: FailureTarget then Failed (BackoffLimitExceeded) and a Warning event', () => {
    const failed = Array.from({ length: 3 }, (_, i) => pod(`f${i}`, 'Failed', '2026-01-01T11:00:00Z'));
    const out = reconcileJob({
      job: job({ backoffLimit: 2 }, { startTime: '2026-01-01T11:00:00Z' }),
      pods: failed,
      now: NOW,
    });
    const st = statusOf(out.actions)!;
    assert.deepEqual(
      st.conditions?.map((c) => [c.type, c.reason]),
      [
        ['FailureTarget', 'BackoffLimitExceeded'],
        ['Failed', 'BackoffLimitExceeded'],
      ],
    );
    assert.equal(st.failed, 3);
    const ev = out.actions.find((a) => a.type === 'event');
    assert.ok(ev?.type === 'event');
    assert.deepEqual(
      [ev.event.type, ev.event.message],
      ['Warning', 'Job has reached the specified backoff limit'],
    );
  });

  test('after a failure the replacement pod waits out the backoff (10 s, doubling)', () => {
    const j = job({ backoffLimit: 6 }, { startTime: '2026-01-01T11:59:00Z' });
    const early = reconcileJob({ job: j, pods: [pod('f', 'Failed', '2026-01-01T11:59:55Z')], now: NOW });
    assert.equal(creates(early.actions), 0);
    assert.equal(early.requeueAfterMs, 5000);
    const later = reconcileJob({ job: j, pods: [pod('f', 'Failed', '2026-01-01T11:59:45Z')], now: NOW });
    assert.equal(creates(later.actions), 1);
  });

  test('a finished Job is left alone', () => {
    const done = job({}, { conditions: [{ type: 'Complete', status: 'True' }] });
    assert.deepEqual(reconcileJob({ job: done, pods: [pod('a', 'Succeeded')], now: NOW }).actions, []);
  });
});
