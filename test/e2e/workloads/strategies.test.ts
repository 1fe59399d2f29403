/**
 * The lab's four rolling-update strategies through the real kubectl, 3 replicas: 0/0 is rejected with
 * the API server's message; the other three each roll out a template change within the bounds of
 * Kubernetes' algorithm (pkg/controller/deployment/rolling.go: Σ ReplicaSet replicas ≤ replicas + surge,
 * Σ available ≥ replicas − unavailable) with the ScalingReplicaSet events in its order.
 */
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from '../lab.ts';
import { upLab, waitFor, watch, type Lab } from './kit.ts';

type IntOrPercent = number | string;

/** manifests/kubernetes-networks/web-deploy.yaml with the given strategy and 1 s probe periods. */
function webDeploy(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): string {
  const d = parse(readFileSync(join(ROOT, 'manifests/kubernetes-networks/web-deploy.yaml'), 'utf8')) as {
    spec: {
      strategy: { rollingUpdate: { maxSurge: IntOrPercent; maxUnavailable: IntOrPercent } };
      template: { spec: { containers: { readinessProbe: object; livenessProbe: object }[] } };
    };
  };
  d.spec.strategy.rollingUpdate = { maxSurge, maxUnavailable };
  const web = d.spec.template.spec.containers[0]!;
  Object.assign(web.readinessProbe, { periodSeconds: 1 });
  Object.assign(web.livenessProbe, { periodSeconds: 2 });
  return stringify(d);
}

/** ReplicaSet name → [spec.replicas, status.availableReplicas]. */
type State = Map<string, [number, number]>;

const RS_FIELDS = '{.metadata.name} {.spec.replicas} {.status.availableReplicas}{"\\n"}';
const RS_LINE = `jsonpath=${RS_FIELDS}`;
const RS_LIST = `jsonpath={range .items[*]}${RS_FIELDS}{end}`;

/** Replays `kubectl get rs -w` lines (every change of every ReplicaSet, in order) into the states between them. */
function replay(lines: string[]): State[] {
  const state: State = new Map();
  const states: State[] = [];
  for (const line of lines.filter(Boolean)) {
    const [name, spec, avail] = line.split(' ');
    state.set(name!, [Number(spec || 0), Number(avail || 0)]);
    states.push(new Map(state));
  }
  return states;
}

const sum = (s: State, i: 0 | 1) => [...s.values()].reduce((a, v) => a + v[i], 0);

/** The ReplicaSet that owns all 3 replicas once a rollout is complete. */
function fullReplicaSet(lab: Lab): string | undefined {
  const r = lab.kubectl(['get', 'rs', '-l', 'app=web', '-o', RS_LIST]);
  const last: State = replay(r.stdout.split('\n')).at(-1) ?? (new Map() as State);
  const full = [...last].filter(([, [spec, avail]]) => spec === 3 && avail === 3);
  return full.length === 1 ? full[0]![0] : undefined;
}

const ROWS = [
  {
    desc: '100% surge / 100% unavailable',
    surge: '100%',
    unavailable: '100%',
    maxTotal: 6,
    minAvailable: 0,
    upFirst: true,
    reaches: 6, // new 0→3 beside the old 3, then old 3→0 at once
  },
  {
    desc: '0 surge / 100% unavailable',
    surge: 0,
    unavailable: '100%',
    maxTotal: 3,
    minAvailable: 0,
    upFirst: false,
    reaches: 0, // old 3→0 first, then new 0→3
  },
  {
    desc: '100% surge / 0 unavailable',
    surge: '100%',
    unavailable: 0,
    maxTotal: 6,
    minAvailable: 3,
    upFirst: true,
    reaches: 6, // new 0→3, old 3→0 only once the new pods are available
  },
];

async function rollOut(t: TestContext, lab: Lab, row: (typeof ROWS)[number], round: number) {
  const strategy = {
    spec: { strategy: { rollingUpdate: { maxSurge: row.surge, maxUnavailable: row.unavailable } } },
  };
  const patched = lab.kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', JSON.stringify(strategy)]);
  assert.equal(patched.status, 0, patched.stderr);
  const oldRS = await waitFor('one full ReplicaSet', () => fullReplicaSet(lab));

  const events = watch(t, lab, ['get', 'events', '--watch']);
  const pods = watch(t, lab, ['get', 'pods', '-w', '-o', 'name']);
  const rs = watch(t, lab, ['get', 'rs', '-l', 'app=web', '-w', '-o', RS_LINE]);
  const existing = lab
    .kubectl(['get', 'rs', '-l', 'app=web', '--no-headers'])
    .stdout.trim()
    .split('\n').length;
  // Counted before the watch started, so its listing has at least these (earlier rounds' events).
  const pastEvents = lab.kubectl(['get', 'events', '--no-headers']).stdout.split('\n').filter(Boolean).length;
  const eventRows = () => events.lines.filter((l) => !l.text.startsWith('LAST SEEN')).length;
  await waitFor(
    'the watches to list what exists',
    () => eventRows() >= pastEvents && pods.lines.length > 0 && rs.lines.length >= existing,
  );
  // Event lines from here on happened during this rollout.
  const listed = events.lines.length;

  const change = lab.kubectl(['set', 'env', 'deployment/web', `ROUND=${round}`]);
  assert.equal(change.status, 0, change.stderr);
  const status = lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /deployment "web" successfully rolled out\n$/);
  const newRS = await waitFor('the new full ReplicaSet', () => {
    const name = fullReplicaSet(lab);
    return name !== oldRS ? name : undefined;
  });
  await waitFor('the RS watch to see the old ReplicaSet at 0', () =>
    rs.lines.some((l) => l.text.startsWith(`${oldRS} 0 `)),
  );

  // The states from the one where the watch has listed every existing ReplicaSet on.
  const states = replay(rs.lines.map((l) => l.text)).slice(existing - 1);
  const story = states.map((s) => `${sum(s, 0)}/${sum(s, 1)}`).join(' ');
  for (const s of states) {
    assert.ok(
      sum(s, 0) <= row.maxTotal,
      `Σ replicas ≤ ${row.maxTotal} (Σ replicas/Σ available over time: ${story})`,
    );
    assert.ok(sum(s, 1) >= row.minAvailable, `Σ available ≥ ${row.minAvailable} (${story})`);
  }
  assert.ok(
    states.some((s) => sum(s, 0) === row.reaches),
    `the ReplicaSets reach ${row.reaches} replicas in all at some step (${story})`,
  );

  // kubectl get events --watch: the new ReplicaSet's steps go 0 → 3 up, the old one's 3 → 0 down,
  // each step's "from" the previous "to" (events.go format of Kubernetes ≥ 1.31: "from %d to %d").
  // The four rollouts of one Deployment pass the event recorder's aggregation threshold (10 similar
  // events in 10 minutes, client-go tools/record/events_cache.go), after which the message reads
  // "(combined from similar events): Scaled …".
  const chain = (name: string) =>
    events.lines
      .map((l, i) => ({
        i,
        m: new RegExp(
          `\\sNormal\\s+ScalingReplicaSet\\s+deployment/web\\s+(?:\\(combined from similar events\\): )?Scaled (up|down) replica set ${name} from (\\d+) to (\\d+)$`,
        ).exec(l.text),
      }))
      .filter((x) => x.m && x.i >= listed)
      .map(({ i, m }) => ({ i, dir: m![1]!, from: Number(m![2]), to: Number(m![3]) }));
  const { ups, downs } = await waitFor(
    `the ScalingReplicaSet sequence in kubectl get events --watch:\n${events.text()}`,
    () => {
      const ups = chain(newRS);
      const downs = chain(oldRS);
      return ups.at(-1)?.to === 3 && downs.at(-1)?.to === 0 ? { ups, downs } : undefined;
    },
  );
  const steps = (c: typeof ups) => c.map((e) => `${e.from}→${e.to}`).join(' ');
  assert.equal(ups[0]!.from, 0, steps(ups));
  assert.ok(
    ups.every((e, k) => e.dir === 'up' && (k === 0 || e.from === ups[k - 1]!.to)),
    steps(ups),
  );
  // With replicas unchanged, Kubernetes only ever scales an old ReplicaSet down during a rollout.
  assert.deepEqual(
    downs.filter((e) => e.dir !== 'down').map((e) => `${e.from}→${e.to}`),
    [],
    `the old ReplicaSet was scaled up: ${steps(downs)}\n${events.text()}`,
  );
  assert.equal(downs[0]!.from, 3, steps(downs));
  assert.ok(
    downs.every((e, k) => k === 0 || e.from === downs[k - 1]!.to),
    steps(downs),
  );
  if (row.minAvailable === 0) {
    // Nothing to wait for: each side moves in one step.
    assert.equal(steps(ups), '0→3');
    assert.equal(steps(downs), '3→0');
  }
  assert.equal(
    ups[0]!.i < downs[0]!.i,
    row.upFirst,
    `order of the ScalingReplicaSet events:\n${events.text()}`,
  );
  const hash = newRS.slice('web-'.length);
  await waitFor('the new pods in kubectl get pods -w -o name', () => {
    const names = new Set(pods.lines.map((l) => l.text).filter((n) => n.startsWith(`pod/web-${hash}-`)));
    return names.size === 3;
  });
  events.stop();
  pods.stop();
  rs.stop();
  return story;
}

test('the lab strategies: 0/0 rejected; 100%/100%, 0/100%, 100%/0 roll out within their bounds', async (t) => {
  const { lab, apply } = upLab(t);

  await t.test('maxSurge 0 and maxUnavailable 0 is rejected with the API server’s message', () => {
    const r = lab.kubectl(['apply', '-f', '-'], { input: webDeploy(0, 0) });
    assert.notEqual(r.status, 0);
    assert.equal(
      r.stderr.trim(),
      'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
    assert.notEqual(lab.kubectl(['get', 'deployment', 'web']).status, 0, 'nothing was created');
  });

  apply(webDeploy(1, 0));
  let round = 0;
  for (const row of ROWS) {
    await t.test(row.desc, async (st) => {
      const story = await rollOut(st, lab, row, ++round);
      st.diagnostic(`Σ replicas/Σ available after each ReplicaSet change: ${story}`);
    });
  }
});
