/**
 * A CronJob end to end with the real kubectl: `kubectl create cronjob hello --schedule='* * * * *'`
 * starts a Job named hello-<minutes since the epoch> at the next minute boundary, its busybox pod
 * prints `hi` and completes, `kubectl get cronjob` shows LAST SCHEDULE and the events SuccessfulCreate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonpath, upLab, waitFor } from './workloads/kit.ts';

test('kubectl create cronjob: a Job at the next minute, its pod says hi, LAST SCHEDULE and SuccessfulCreate', async (t) => {
  const { lab } = upLab(t);
  const created = lab.kubectl([
    'create',
    'cronjob',
    'hello',
    '--image=busybox',
    '--schedule=* * * * *',
    '--',
    'echo',
    'hi',
  ]);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /^cronjob\.batch\/hello created$/m);
  const before = Date.now();

  // The one long wait: the next minute boundary (at most 60 s away) plus a little.
  const job = await waitFor(
    'the first Job of cronjob hello',
    () => jsonpath(lab, ['jobs'], '{.items[0].metadata.name}') || undefined,
    75_000,
  );
  const minute = Number(/^hello-(\d+)$/.exec(job)?.[1]);
  assert.ok(
    minute * 60_000 >= before - 60_000 && minute * 60_000 <= Date.now(),
    `${job} names a minute since the create`,
  );
  assert.equal(
    jsonpath(lab, ['job', job], '{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'),
    'CronJob/hello',
  );
  assert.equal(
    jsonpath(
      lab,
      ['job', job],
      '{.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}',
    ),
    new Date(minute * 60_000).toISOString().replace('.000Z', 'Z'),
  );

  const pod = await waitFor(
    `a Succeeded pod of ${job}`,
    () => {
      const phase = jsonpath(lab, ['pods', '-l', `job-name=${job}`], '{.items[0].status.phase}');
      return (
        phase === 'Succeeded' && jsonpath(lab, ['pods', '-l', `job-name=${job}`], '{.items[0].metadata.name}')
      );
    },
    30_000,
  );
  const logs = lab.kubectl(['logs', pod]);
  assert.equal(logs.status, 0, logs.stderr);
  assert.equal(logs.stdout, 'hi\n');

  // NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE (printCronJob); the schedule has spaces.
  const header = lab.kubectl(['get', 'cronjob', 'hello']).stdout.split('\n')[0] ?? '';
  assert.match(header, /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/);
  const lastSchedule = await waitFor(
    'LAST SCHEDULE set',
    () => {
      const line = lab.kubectl(['get', 'cronjob', 'hello', '--no-headers']).stdout.trim();
      const m = /^hello\s+\* \* \* \* \*\s+<none>\s+False\s+\d+\s+(\S+)\s+\S+$/.exec(line);
      return m?.[1] !== undefined && m[1] !== '<none>' && m[1];
    },
    10_000,
  );
  assert.match(lastSchedule, /^\d+s$/);
  assert.equal(
    jsonpath(lab, ['cronjob', 'hello'], '{.status.lastScheduleTime}'),
    new Date(minute * 60_000).toISOString().replace('.000Z', 'Z'),
  );

  const events = lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.kind=CronJob']);
  assert.equal(events.status, 0, events.stderr);
  assert.match(
    events.stdout,
    new RegExp(`Normal\\s+SuccessfulCreate\\s+cronjob/hello\\s+Created job ${job}`),
  );
});
