import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../core/index.ts';
import { errors } from '../../core/index.ts';
import { applyDefaults, validateObject } from './index.ts';
import { del, get, set } from './testdata/dig.ts';
import { webDeploy } from './testdata/lab.ts';

const messages = (obj: KubeObject, old?: KubeObject): string[] =>
  validateObject(obj, old ? 'UPDATE' : 'CREATE', old).map((e) => e.message);

function defaulted(obj: KubeObject): KubeObject {
  applyDefaults(obj, 'CREATE', undefined);
  return obj;
}

describe('Deployment strategy (the lab\'s "Strategy" section)', () => {
  const cases: { desc: string; maxUnavailable: unknown; maxSurge: unknown; want: string[] }[] = [
    {
      desc: 'both 0 is the mistake kube rejects',
      maxUnavailable: 0,
      maxSurge: 0,
      want: [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
      ],
    },
    { desc: '100% / 100%', maxUnavailable: '100%', maxSurge: '100%', want: [] },
    { desc: "0 / 100% (the lab's final choice)", maxUnavailable: 0, maxSurge: '100%', want: [] },
    { desc: '100% / 0', maxUnavailable: '100%', maxSurge: 0, want: [] },
    {
      desc: '"0%" and 0 count as both zero (raw values)',
      maxUnavailable: '0%',
      maxSurge: 0,
      want: [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0',
      ],
    },
    {
      desc: 'maxUnavailable over 100%',
      maxUnavailable: '110%',
      maxSurge: 1,
      want: [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%',
      ],
    },
    { desc: 'maxSurge may exceed 100%', maxUnavailable: 0, maxSurge: '200%', want: [] },
    {
      desc: 'negative integer',
      maxUnavailable: -1,
      maxSurge: 1,
      want: [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
      ],
    },
    {
      desc: 'a percent without digits',
      maxUnavailable: 1,
      maxSurge: 'x%',
      want: [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: x%: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      const d = defaulted(
        webDeploy({
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: c.maxUnavailable, maxSurge: c.maxSurge },
        }),
      );
      assert.deepEqual(messages(d), c.want);
    });
  }

  test('kubectl prints the 422 as "The Deployment "web" is invalid: …"', () => {
    const d = defaulted(
      webDeploy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }),
    );
    const status = errors
      .invalid('Deployment', 'apps', 'web', validateObject(d, 'CREATE', undefined))
      .toStatus();
    assert.equal(
      status.message,
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
    assert.deepEqual(status.details?.causes, [
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0',
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
      },
    ]);
  });

  test('Recreate with rollingUpdate is forbidden', () => {
    const d = defaulted(webDeploy({ type: 'Recreate', rollingUpdate: { maxSurge: 1 } }));
    assert.deepEqual(messages(d), [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
  });
});

describe("Deployment defaults (golden: the transcript's describe output)", () => {
  test('web-deploy gets 25%/25%, history 10, deadline 600 and the pod defaults', () => {
    const d = defaulted(webDeploy());
    // describe: "RollingUpdateStrategy:  25% max unavailable, 25% max surge"
    assert.deepEqual(get(d, 'spec.strategy'), {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    assert.equal(get(d, 'spec.revisionHistoryLimit'), 10);
    assert.equal(get(d, 'spec.progressDeadlineSeconds'), 600);
    const pod = get(d, 'spec.template.spec');
    assert.equal(get(pod, 'restartPolicy'), 'Always');
    assert.equal(get(pod, 'dnsPolicy'), 'ClusterFirst');
    assert.equal(get(pod, 'schedulerName'), 'default-scheduler');
    assert.equal(get(pod, 'terminationGracePeriodSeconds'), 30);
    assert.deepEqual(get(pod, 'securityContext'), {});
    const c = get(pod, 'containers.0');
    // describe: "delay=0s timeout=1s period=10s #success=1 #failure=3"
    const probe = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    assert.deepEqual(get(c, 'livenessProbe'), { tcpSocket: { port: 8000 }, ...probe });
    assert.deepEqual(get(c, 'readinessProbe'), {
      httpGet: { path: '/index.html', port: 8000, scheme: 'HTTP' },
      ...probe,
    });
    assert.equal(get(c, 'imagePullPolicy'), 'IfNotPresent');
    assert.equal(get(c, 'terminationMessagePath'), '/dev/termination-log');
    assert.equal(get(c, 'terminationMessagePolicy'), 'File');
    assert.equal(get(pod, 'initContainers.0.imagePullPolicy'), 'IfNotPresent');
    assert.deepEqual(messages(d), []);
  });

  test('user values are kept', () => {
    const d = webDeploy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '100%' } });
    set(d, 'spec.replicas', 0);
    defaulted(d);
    assert.equal(get(d, 'spec.replicas'), 0);
    assert.deepEqual(get(d, 'spec.strategy.rollingUpdate'), { maxUnavailable: 0, maxSurge: '100%' });
  });
});

describe('Deployment selector', () => {
  test('template labels must match', () => {
    const d = defaulted(webDeploy());
    set(d, 'spec.template.metadata.labels', { app: 'x' });
    assert.deepEqual(messages(d), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
  });

  test('selector is required', () => {
    const d = defaulted(webDeploy());
    del(d, 'spec.selector');
    assert.deepEqual(messages(d), ['spec.selector: Required value']);
  });

  test('an empty selector is invalid', () => {
    const d = defaulted(webDeploy());
    set(d, 'spec.selector', {});
    assert.deepEqual(messages(d), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  test('selector is immutable on update', () => {
    const old = defaulted(webDeploy());
    const next = defaulted(webDeploy());
    set(next, 'spec.selector', { matchLabels: { app: 'web2' } });
    set(next, 'spec.template.metadata.labels', { app: 'web2' });
    assert.deepEqual(messages(next, old), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  test('matchExpressions take part in matching', () => {
    const d = defaulted(webDeploy());
    set(d, 'spec.selector', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] });
    assert.deepEqual(messages(d), []);
    set(d, 'spec.selector', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] });
    assert.equal(messages(d).length, 1);
  });

  test('pod template restartPolicy must be Always', () => {
    const d = defaulted(webDeploy());
    set(d, 'spec.template.spec.restartPolicy', 'Never');
    assert.deepEqual(messages(d), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });
});

describe('other workloads', () => {
  test('DaemonSet defaults', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'speaker', namespace: 'metallb-system' },
      spec: {
        selector: { matchLabels: { app: 'speaker' } },
        template: {
          metadata: { labels: { app: 'speaker' } },
          spec: { containers: [{ name: 's', image: 'quay.io/metallb/speaker:v0.13.10' }] },
        },
      },
    };
    defaulted(ds);
    assert.deepEqual(get(ds, 'spec.updateStrategy'), {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    assert.equal(get(ds, 'spec.revisionHistoryLimit'), 10);
    assert.deepEqual(messages(ds), []);
  });

  const dsCases: { desc: string; rollingUpdate: Record<string, unknown>; want: string[] }[] = [
    { desc: 'DaemonSet maxUnavailable 1', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 }, want: [] },
    { desc: 'DaemonSet surge only', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' }, want: [] },
    {
      desc: 'DaemonSet both zero',
      rollingUpdate: { maxUnavailable: 0, maxSurge: 0 },
      want: [
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
      ],
    },
    {
      desc: 'DaemonSet both set',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 1 },
      want: [
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
      ],
    },
  ];
  for (const c of dsCases) {
    test(c.desc, () => {
      const ds: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'speaker', namespace: 'metallb-system' },
        spec: {
          selector: { matchLabels: { app: 'speaker' } },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: c.rollingUpdate },
          template: {
            metadata: { labels: { app: 'speaker' } },
            spec: { containers: [{ name: 's', image: 'speaker:1' }] },
          },
        },
      };
      assert.deepEqual(messages(defaulted(ds)), c.want);
    });
  }

  test('Job defaults and generated selector', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'certgen', namespace: 'ingress-nginx', uid: 'u-1' },
      spec: {
        template: {
          metadata: { labels: { app: 'certgen' } },
          spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'certgen:v1' }] },
        },
      },
    };
    defaulted(job);
    const spec = get(job, 'spec');
    assert.equal(get(spec, 'completions'), 1);
    assert.equal(get(spec, 'parallelism'), 1);
    assert.equal(get(spec, 'backoffLimit'), 6);
    assert.equal(get(spec, 'completionMode'), 'NonIndexed');
    assert.equal(get(spec, 'suspend'), false);
    assert.deepEqual(get(spec, 'selector'), { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    assert.deepEqual(get(spec, 'template.metadata.labels'), {
      app: 'certgen',
      'batch.kubernetes.io/controller-uid': 'u-1',
      'batch.kubernetes.io/job-name': 'certgen',
      'controller-uid': 'u-1',
      'job-name': 'certgen',
    });
    assert.deepEqual(job.metadata.labels, { app: 'certgen' });
    assert.deepEqual(messages(job), []);
  });

  test("a Job's pod template is immutable", () => {
    const job = (image: string): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'certgen', namespace: 'ingress-nginx', uid: 'u-3' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image }] } } },
    });
    const old = defaulted(job('certgen:v1'));
    const next = structuredClone(old);
    set(next, 'spec.template.spec.containers.0.image', 'certgen:v2');
    assert.deepEqual(messages(next, old), [
      'spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable',
    ]);
  });

  test("a StatefulSet's serviceName is fixed", () => {
    const ss = (serviceName: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName,
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'db:1' }] },
        },
      },
    });
    const old = defaulted(ss('db'));
    assert.deepEqual(messages(defaulted(ss('db')), old), []);
    assert.deepEqual(messages(defaulted(ss('db2')), old), [
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  test('Job template restartPolicy Always is rejected', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'default', uid: 'u-2' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } } },
    };
    defaulted(job);
    assert.deepEqual(messages(job), [
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });
});
