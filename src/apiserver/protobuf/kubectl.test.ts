/** End to end: the real kubectl's protobuf-sending commands succeed against a real kubelab API server. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import { kubectlBinary, startLab } from '../../../test/apiserver/harness.ts';

/** Each row runs in order on one server; later rows rely on objects earlier rows created. */
const ROWS: { desc: string; args: string[]; out: string }[] = [
  { desc: 'namespace', args: ['create', 'namespace', 'team-a'], out: 'namespace/team-a created' },
  {
    desc: 'configmap',
    args: ['create', 'configmap', 'demo', '--from-literal=a=b'],
    out: 'configmap/demo created',
  },
  {
    desc: 'secret generic',
    args: ['create', 'secret', 'generic', 's1', '--from-literal=password=hunter2'],
    out: 'secret/s1 created',
  },
  {
    desc: 'secret docker-registry',
    args: [
      'create',
      'secret',
      'docker-registry',
      'reg',
      '--docker-server=r.example',
      '--docker-username=u',
      '--docker-password=p',
    ],
    out: 'secret/reg created',
  },
  {
    desc: 'serviceaccount',
    args: ['create', 'serviceaccount', 'builder'],
    out: 'serviceaccount/builder created',
  },
  {
    desc: 'deployment with replicas and port',
    args: ['create', 'deployment', 'web', '--image=kubelab/web:0.1.0', '--replicas=3', '--port=8000'],
    out: 'deployment.apps/web created',
  },
  {
    desc: 'expose (JSON body) of a deployment created from protobuf',
    args: ['expose', 'deployment', 'web', '--port', '80', '--target-port', '8000'],
    out: 'service/web exposed',
  },
  {
    desc: 'expose as LoadBalancer',
    args: [
      'expose',
      'deployment',
      'web',
      '--port',
      '80',
      '--target-port',
      '8000',
      '--type',
      'LoadBalancer',
      '--name',
      'web-lb',
    ],
    out: 'service/web-lb exposed',
  },
  {
    desc: 'run with port, labels, env and command',
    args: [
      'run',
      'client',
      '--image=busybox',
      '--port=80',
      '--labels=app=c',
      '--env=A=1',
      '--command',
      '--',
      'sleep',
      '3600',
    ],
    out: 'pod/client created',
  },
  {
    desc: 'service clusterip',
    args: ['create', 'service', 'clusterip', 'svc-c', '--tcp=80:8080'],
    out: 'service/svc-c created',
  },
  {
    desc: 'service nodeport',
    args: ['create', 'service', 'nodeport', 'svc-n', '--tcp=80:8080', '--node-port=30080'],
    out: 'service/svc-n created',
  },
  {
    desc: 'service loadbalancer',
    args: ['create', 'service', 'loadbalancer', 'svc-lb', '--tcp=80:8080'],
    out: 'service/svc-lb created',
  },
  {
    desc: 'job',
    args: ['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'],
    out: 'job.batch/j1 created',
  },
  {
    desc: 'cronjob',
    args: ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'],
    out: 'cronjob.batch/cj created',
  },
  {
    desc: 'job from a cronjob',
    args: ['create', 'job', 'manual', '--from=cronjob/cj'],
    out: 'job.batch/manual created',
  },
  {
    desc: 'role',
    args: ['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods'],
    out: 'role.rbac.authorization.k8s.io/pod-reader created',
  },
  {
    desc: 'rolebinding',
    args: ['create', 'rolebinding', 'rb', '--role=pod-reader', '--serviceaccount=default:builder'],
    out: 'rolebinding.rbac.authorization.k8s.io/rb created',
  },
  {
    desc: 'clusterrole',
    args: ['create', 'clusterrole', 'cr', '--verb=get', '--resource=nodes'],
    out: 'clusterrole.rbac.authorization.k8s.io/cr created',
  },
  {
    desc: 'clusterrolebinding',
    args: ['create', 'clusterrolebinding', 'crb', '--clusterrole=cr', '--user=bob'],
    out: 'clusterrolebinding.rbac.authorization.k8s.io/crb created',
  },
  { desc: 'quota', args: ['create', 'quota', 'q', '--hard=cpu=1,pods=20'], out: 'resourcequota/q created' },
  {
    desc: 'priorityclass',
    args: ['create', 'priorityclass', 'high', '--value=1000'],
    out: 'priorityclass.scheduling.k8s.io/high created',
  },
  {
    desc: 'poddisruptionbudget',
    args: ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=1'],
    out: 'poddisruptionbudget.policy/pdb created',
  },
  {
    desc: 'ingress',
    args: ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.com/bar=web:80'],
    out: 'ingress.networking.k8s.io/ing created',
  },
];

describe('kubectl commands that send protobuf, against kubelab', () => {
  test('create, run and expose succeed and the objects read back as sent', async (t) => {
    const lab = await startLab(t);
    for (const row of ROWS) {
      const res = await lab.kubectl(row.args);
      assert.equal(res.stdout.trim(), row.out, `${row.desc}: ${res.stderr}`);
    }
    const get = async (args: string[]): Promise<string> => {
      const res = await lab.kubectl(['get', ...args]);
      assert.equal(res.code, 0, res.stderr);
      return res.stdout;
    };
    assert.equal(await get(['configmap', 'demo', '-o', 'jsonpath={.data.a}']), 'b');
    assert.equal(await get(['secret', 's1', '-o', 'jsonpath={.data.password}']), 'aHVudGVyMg==');
    assert.equal(
      await get([
        'deploy',
        'web',
        '-o',
        'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}',
      ]),
      '3 8000',
    );
    assert.equal(
      await get(['service', 'web', '-o', 'jsonpath={.spec.ports[0].port}:{.spec.ports[0].targetPort}']),
      '80:8000',
    );
    assert.equal(
      await get(['service', 'svc-n', '-o', 'jsonpath={.spec.type} {.spec.ports[0].nodePort}']),
      'NodePort 30080',
    );
    assert.equal(await get(['cronjob', 'cj', '-o', 'jsonpath={.spec.schedule}']), '*/5 * * * *');
    assert.equal(await get(['pdb', 'pdb', '-o', 'jsonpath={.spec.minAvailable}']), '1');
    assert.equal(await get(['priorityclass', 'high', '-o', 'jsonpath={.value}']), '1000');
    assert.match(await get(['pod', 'client', '-o', 'jsonpath={.spec.containers[0].command}']), /sleep.*3600/);
    const names = await get([
      'configmap,secret,deploy,svc,job,cronjob,role,rolebinding,quota,pdb,ingress',
      '-o',
      'name',
    ]);
    for (const n of [
      'configmap/demo',
      'deployment.apps/web',
      'service/web-lb',
      'job.batch/manual',
      'ingress.networking.k8s.io/ing',
    ])
      assert.ok(names.includes(n), `${n} missing from:\n${names}`);
  });

  const minors = [27, 28, 29, 30, 31, 32, 33].filter((m) => existsSync(kubectlBinary(m)));
  test(`typed creates from kubectl 1.${minors.join(', 1.')}`, { skip: minors.length === 0 }, async (t) => {
    const lab = await startLab(t);
    for (const minor of minors) {
      const bin = kubectlBinary(minor);
      const ns = `v1-${minor}`;
      const rows = [
        { args: ['create', 'namespace', ns], out: `namespace/${ns} created` },
        { args: ['-n', ns, 'create', 'configmap', 'c', '--from-literal=a=b'], out: 'configmap/c created' },
        {
          args: ['-n', ns, 'create', 'deployment', 'd', '--image=busybox', '--replicas=0', '--port=80'],
          out: 'deployment.apps/d created',
        },
        {
          args: ['-n', ns, 'create', 'service', 'clusterip', 's', '--tcp=80:8080'],
          out: 'service/s created',
        },
        {
          args: ['-n', ns, 'create', 'job', 'j', '--image=busybox', '--', 'true'],
          out: 'job.batch/j created',
        },
      ];
      for (const row of rows) {
        const res = await lab.kubectl(row.args, { bin });
        assert.equal(res.stdout.trim(), row.out, `kubectl 1.${minor} ${row.args.join(' ')}: ${res.stderr}`);
      }
      const got = await lab.kubectl(['-n', ns, 'get', 'deploy', 'd', '-o', 'jsonpath={.spec.replicas}']);
      assert.equal(got.stdout, '0', `kubectl 1.${minor}: replicas 0 kept`);
    }
  });
});
