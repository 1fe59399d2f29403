/**
 * CronJob stories on a fake clock, with the events and texts of kube-controller-manager's cronjob
 * controller v2. Job names carry the scheduled time in minutes since the epoch:
 * 2026-01-01T00:01:00Z is minute 29453761.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../job/reconcile.ts';
import { SCHEDULED_TIMESTAMP_ANNOTATION } from './reconcile.ts';
import { CronStory, cronJob } from './story.test-util.ts';

const M = (hhmm: string) => `2026-01-01T00:${hhmm}Z`;

describe('CronJob: the first schedule', () => {
  test('waits for the first time after creation, creates cj-<minutes>, records it, requeues for the next', async () => {
    const s = new CronStory(cronJob(), M('00:30'));
    await s.sync();
    assert.deepEqual(s.jobNames(), []);
    assert.equal(s.requeues.at(-1), 30_100, 'the next minute + 100 ms');

    s.advanceTo(M('01:00.100'));
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453761']);
    assert.deepEqual(s.newEvents(), ['SuccessfulCreate: Created job cj-29453761']);
    const job = s.sim.get<Job>('jobs', 'cj-29453761')!;
    assert.deepEqual(job.metadata.ownerReferences, [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'cj',
        uid: 'cj-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    assert.equal(job.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION], '2026-01-01T00:01:00Z');
    assert.deepEqual(job.spec.template.spec.containers, [{ name: 'c', image: 'busybox' }]);
    assert.equal(s.cj.status?.lastScheduleTime, '2026-01-01T00:01:00Z');
    assert.deepEqual(s.cj.status?.active, [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'cj-29453761',
        namespace: 'default',
        uid: job.metadata.uid,
        resourceVersion: job.metadata.resourceVersion,
      },
    ]);
    assert.equal(s.requeues.at(-1), 60_000);

    await s.sync(); // the same time again: nothing new
    assert.deepEqual(s.jobNames(), ['cj-29453761']);
    assert.deepEqual(s.newEvents(), []);
  });

  test('a finished Job leaves status.active (SawCompletedJob), then sets lastSuccessfulTime', async () => {
    const s = new CronStory(cronJob(), M('01:00.100'));
    await s.sync();
    s.newEvents();
    s.advanceTo(M('01:20'));
    s.finish('cj-29453761', 'Complete');
    await s.sync();
    assert.deepEqual(s.newEvents(), ['SawCompletedJob: Saw completed job: cj-29453761, status: Complete']);
    assert.equal(s.cj.status?.active, undefined);
    await s.sync();
    assert.equal(s.cj.status?.lastSuccessfulTime, '2026-01-01T00:01:20Z');
  });

  test('a failed Job: SawCompletedJob with status Failed, no lastSuccessfulTime', async () => {
    const s = new CronStory(cronJob(), M('01:00.100'));
    await s.sync();
    s.newEvents();
    s.finish('cj-29453761', 'Failed');
    await s.sync();
    await s.sync();
    assert.deepEqual(s.newEvents(), ['SawCompletedJob: Saw completed job: cj-29453761, status: Failed']);
    assert.equal(s.cj.status?.lastSuccessfulTime, undefined);
  });
});

describe('CronJob: missed schedules', () => {
  test('after downtime only the most recent missed time runs', async () => {
    const s = new CronStory(cronJob(), M('05:30'));
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453765']);
    assert.equal(s.cj.status?.lastScheduleTime, '2026-01-01T00:05:00Z');
    assert.equal(s.requeues.at(-1), 30_100);
  });

  test('more than 100 missed: TooManyMissedTimes, and the most recent still runs', async () => {
    const s = new CronStory(cronJob({}, '2025-12-31T22:00:00Z'), M('00:30'));
    await s.sync();
    assert.deepEqual(s.newEvents(), [
      'TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      'SuccessfulCreate: Created job cj-29453760',
    ]);
  });

  test('startingDeadlineSeconds: a time older than the deadline is skipped; the next runs', async () => {
    const s = new CronStory(cronJob({ startingDeadlineSeconds: 10 }), M('01:30'));
    await s.sync();
    assert.deepEqual(s.jobNames(), []);
    assert.equal(s.requeues.at(-1), 30_100);
    s.advanceTo(M('02:05'));
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453762']);
  });

  test('TooManyMissedTimes is not raised when startingDeadlineSeconds bounds the look-back', async () => {
    const s = new CronStory(cronJob({ startingDeadlineSeconds: 200 }, '2025-12-31T22:00:00Z'), M('00:30'));
    await s.sync();
    assert.deepEqual(s.newEvents(), ['SuccessfulCreate: Created job cj-29453760']);
  });
});

describe('CronJob: concurrencyPolicy', () => {
  test('Allow: a new Job while the last one still runs', async () => {
    const s = new CronStory(cronJob(), M('01:00.100'));
    await s.sync();
    s.advanceTo(M('02:00.100'));
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453761', 'cj-29453762']);
    assert.deepEqual(
      s.cj.status?.active?.map((r) => r.name),
      ['cj-29453761', 'cj-29453762'],
    );
  });

  test('Forbid: JobAlreadyActive while one runs; the missed time starts late once it finished', async () => {
    const s = new CronStory(cronJob({ concurrencyPolicy: 'Forbid' }), M('01:00.100'));
    await s.sync();
    s.newEvents();
    s.advanceTo(M('02:00.100'));
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453761']);
    assert.deepEqual(s.newEvents(), [
      'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    ]);
    assert.equal(s.requeues.at(-1), 60_000);
    s.advanceTo(M('02:30'));
    s.finish('cj-29453761', 'Complete');
    await s.sync();
    assert.deepEqual(s.newEvents(), [
      'SawCompletedJob: Saw completed job: cj-29453761, status: Complete',
      'SuccessfulCreate: Created job cj-29453762',
    ]);
  });

  test('Replace: the running Job is deleted, then the new one created', async () => {
    const s = new CronStory(cronJob({ concurrencyPolicy: 'Replace' }), M('01:00.100'));
    await s.sync();
    s.newEvents();
    s.advanceTo(M('02:00.100'));
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453762']);
    assert.deepEqual(s.newEvents(), [
      'SuccessfulDelete: Deleted job cj-29453761',
      'SuccessfulCreate: Created job cj-29453762',
    ]);
    assert.deepEqual(
      s.cj.status?.active?.map((r) => r.name),
      ['cj-29453762'],
    );
  });
});

describe('CronJob: suspend', () => {
  test('suspended: no Job and no requeue; resumed: the most recent missed time runs', async () => {
    const s = new CronStory(cronJob({ suspend: true }), M('05:30'));
    await s.sync();
    assert.deepEqual(s.jobNames(), []);
    assert.equal(s.requeues.at(-1), undefined);
    s.cj = { ...s.cj, spec: { ...s.cj.spec, suspend: false } };
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453765']);
  });
});

describe('CronJob: history limits', () => {
  test('keeps the newest 3 successful and 1 failed Jobs, deleting the oldest (SuccessfulDelete)', async () => {
    const s = new CronStory(cronJob(), M('00:30'));
    const outcome = ['Complete', 'Failed', 'Complete', 'Failed', 'Complete', 'Complete', 'Complete'] as const;
    for (let i = 0; i < outcome.length; i++) {
      s.advanceTo(M(`0${i + 1}:00.100`));
      await s.sync();
      const name = `cj-${29453761 + i}`;
      s.start(name);
      s.advanceTo(M(`0${i + 1}:30`));
      s.finish(name, outcome[i]!);
      await s.sync();
    }
    await s.sync();
    assert.deepEqual(s.jobNames(), ['cj-29453764', 'cj-29453765', 'cj-29453766', 'cj-29453767']);
    const deletes = s.sim.events.filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    assert.deepEqual(deletes, [
      'Deleted job cj-29453762',
      'Deleted job cj-29453761',
      'Deleted job cj-29453763',
    ]);
  });

  test('limit 0 deletes every finished Job of that kind', async () => {
    const s = new CronStory(cronJob({ successfulJobsHistoryLimit: 0 }), M('01:00.100'));
    await s.sync();
    s.finish('cj-29453761', 'Complete');
    await s.sync();
    assert.deepEqual(s.jobNames(), []);
  });
});

describe('CronJob: timeZone and schedule problems', () => {
  test('spec.timeZone: 09:00 Berlin is 08:00Z; the annotation is in that zone', async () => {
    const cj = cronJob({ schedule: '0 9 * * *', timeZone: 'Europe/Berlin' }, '2026-11-26T00:00:00Z');
    const s = new CronStory(cj, '2026-11-26T07:59:00Z');
    await s.sync();
    assert.equal(s.requeues.at(-1), 60_100);
    s.advanceTo('2026-11-26T08:00:00.100Z');
    await s.sync();
    const name = `cj-${Date.parse('2026-11-26T08:00:00Z') / 60_000}`;
    assert.deepEqual(s.jobNames(), [name]);
    const job = s.sim.get<Job>('jobs', name)!;
    assert.equal(job.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION], '2026-11-26T09:00:00+01:00');
    assert.equal(s.requeues.at(-1), 24 * 3600_000);
  });

  test('an unknown timeZone: UnknownTimeZone, no Job', async () => {
    const s = new CronStory(cronJob({ timeZone: 'Mars/Olympus' }), M('05:30'));
    await s.sync();
    assert.deepEqual(s.newEvents(), [
      'UnknownTimeZone: invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    assert.deepEqual(s.jobNames(), []);
  });

  const problems: { desc: string; schedule: string; events: string[]; jobs: number }[] = [
    {
      desc: 'unparseable: UnparseableSchedule with the parser error',
      schedule: '61 * * * *',
      events: [
        'UnparseableSchedule: unparseable schedule: "61 * * * *" : end of range (61) above maximum (59): 61',
      ],
      jobs: 0,
    },
    {
      desc: 'TZ in spec.schedule: UnsupportedSchedule, and it still runs',
      schedule: 'TZ=UTC * * * * *',
      events: [
        'UnsupportedSchedule: CRON_TZ or TZ used in schedule "TZ=UTC * * * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details',
        'SuccessfulCreate: Created job cj-29453765',
      ],
      jobs: 1,
    },
    {
      desc: 'a date that never comes: InvalidSchedule',
      schedule: '0 0 30 2 *',
      events: [
        'InvalidSchedule: invalid schedule: 0 0 30 2 * : time difference between two schedules is less than 1 second',
      ],
      jobs: 0,
    },
  ];
  for (const row of problems) {
    test(row.desc, async () => {
      const s = new CronStory(cronJob({ schedule: row.schedule }), M('05:30'));
      await s.sync();
      assert.deepEqual(s.newEvents(), row.events);
      assert.equal(s.jobs().length, row.jobs);
    });
  }
});

describe('CronJob: Jobs the status does not know', () => {
  test('a lost status write: UnexpectedJob, and the existing Job is taken back into active', async () => {
    const s = new CronStory(cronJob(), M('01:00.100'));
    await s.sync();
    s.newEvents();
    const before = s.cj;
    s.cj = { ...before, status: {} }; // the status update never landed
    await s.sync();
    assert.deepEqual(s.newEvents(), [
      'UnexpectedJob: Saw a job that the controller did not create or forgot: cj-29453761',
    ]);
    assert.deepEqual(s.jobNames(), ['cj-29453761']);
    assert.deepEqual(
      s.cj.status?.active?.map((r) => r.name),
      ['cj-29453761'],
    );
    assert.equal(s.cj.status?.lastScheduleTime, '2026-01-01T00:01:00Z');
  });

  test('an active Job deleted behind our back: MissingJob, removed from active', async () => {
    const s = new CronStory(cronJob(), M('01:00.100'));
    await s.sync();
    s.newEvents();
    s.sim.store('jobs').delete('cj-29453761');
    await s.sync();
    assert.deepEqual(s.newEvents(), ['MissingJob: Active job went missing: cj-29453761']);
    assert.equal(s.cj.status?.active, undefined);
  });
});
