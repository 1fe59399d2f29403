/** CronJob create/update validation as kube-apiserver words it, seen through the real kubectl. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startLab } from './harness.ts';

interface Spec {
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

function cronJob(name: string, spec: Spec, restartPolicy = 'OnFailure'): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      ...spec,
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox' }] } },
        },
      },
    },
  });
}

const cases: { desc: string; spec: Spec; restartPolicy?: string; error: string }[] = [
  {
    desc: 'a minute above 59',
    spec: { schedule: '61 * * * *' },
    error: 'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
  },
  {
    desc: 'TZ= in the schedule',
    spec: { schedule: 'TZ=UTC * * * * *' },
    error:
      'spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
  },
  {
    desc: 'four fields',
    spec: { schedule: '* * * *' },
    error: 'spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]',
  },
  {
    desc: 'an unknown time zone',
    spec: { schedule: '* * * * *', timeZone: 'Mars/Base' },
    error: 'spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base',
  },
  {
    desc: 'a time zone with characters IANA names never have',
    spec: { schedule: '* * * * *', timeZone: 'Europe/Be rlin' },
    error: 'spec.timeZone: Invalid value: "Europe/Be rlin": unknown time zone Europe/Be rlin',
  },
  {
    desc: 'the Local time zone',
    spec: { schedule: '* * * * *', timeZone: 'Local' },
    error:
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
  },
  {
    desc: 'no schedule',
    spec: {},
    error: 'spec.schedule: Required value',
  },
  {
    desc: 'an unknown concurrencyPolicy',
    spec: { schedule: '* * * * *', concurrencyPolicy: 'Sometimes' },
    error:
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
  },
  {
    desc: 'negative startingDeadlineSeconds and history limits',
    spec: {
      schedule: '* * * * *',
      startingDeadlineSeconds: -1,
      successfulJobsHistoryLimit: -2,
      failedJobsHistoryLimit: -3,
    },
    // kubectl prints several causes as a list.
    error: [
      '',
      '* spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      '* spec.successfulJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
      '* spec.failedJobsHistoryLimit: Invalid value: -3: must be greater than or equal to 0',
    ].join('\n'),
  },
  {
    desc: 'a job template that restarts Always',
    spec: { schedule: '@hourly' },
    restartPolicy: 'Always',
    error:
      'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
  },
];

describe('CronJob validation', () => {
  for (const c of cases) {
    test(`${c.desc} is refused with kube's message`, async (t) => {
      const lab = await startLab(t);
      const r = await lab.kubectl(['create', '-f', '-'], { input: cronJob('x', c.spec, c.restartPolicy) });
      assert.notEqual(r.code, 0);
      assert.equal(r.stderr.trim(), `The CronJob "x" is invalid: ${c.error}`);
    });
  }

  test('kubectl create cronjob with a bad schedule names the field', async (t) => {
    const lab = await startLab(t);
    const r = await lab.kubectl(['create', 'cronjob', 'x', '--image=busybox', '--schedule=61 * * * *']);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /CronJob\.batch "x" is invalid: spec\.schedule: Invalid value: "61 \* \* \* \*": end of range \(61\) above maximum \(59\): 61/,
    );
  });

  test('valid schedules and zones are accepted, and names longer than 52 characters are not', async (t) => {
    const lab = await startLab(t);
    for (const [name, spec] of [
      ['a', { schedule: '*/5 * * * *' }],
      ['b', { schedule: '@daily', timeZone: 'Europe/Berlin' }],
      ['c', { schedule: '0 9 * * mon-fri', timeZone: 'America/New_York', concurrencyPolicy: 'Forbid' }],
    ] as const) {
      const r = await lab.kubectl(['create', '-f', '-'], { input: cronJob(name, spec) });
      assert.equal(r.code, 0, r.stderr);
    }
    const long = 'x'.repeat(53);
    const r = await lab.kubectl(['create', '-f', '-'], { input: cronJob(long, { schedule: '@hourly' }) });
    assert.equal(
      r.stderr.trim(),
      `The CronJob "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 52 characters`,
    );
  });

  test('an update is validated too: a bad schedule or zone is refused', async (t) => {
    const lab = await startLab(t);
    assert.equal(
      (await lab.kubectl(['create', '-f', '-'], { input: cronJob('x', { schedule: '@hourly' }) })).code,
      0,
    );
    const bad = await lab.kubectl(['patch', 'cronjob', 'x', '-p', '{"spec":{"schedule":"* * * * * *"}}']);
    assert.match(
      bad.stderr,
      /spec\.schedule: Invalid value: "\* \* \* \* \* \*": expected exactly 5 fields, found 6: \[\* \* \* \* \* \*\]/,
    );
    const zone = await lab.kubectl(['patch', 'cronjob', 'x', '-p', '{"spec":{"timeZone":"Mars/Base"}}']);
    assert.match(zone.stderr, /spec\.timeZone: Invalid value: "Mars\/Base": unknown time zone Mars\/Base/);
    const ok = await lab.kubectl(['patch', 'cronjob', 'x', '-p', '{"spec":{"timeZone":"Asia/Tokyo"}}']);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
