import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_RESOURCES } from '../registry/builtins.ts';
import { matchesFields, parseFieldSelector } from './fields.ts';
import { formatLabelSelector, matchesLabels, parseLabelSelector } from './labels.ts';

const labels = { app: 'web', tier: 'front', n: '3' };

test('label selectors match as labels.Parse does', () => {
  const rows: { desc: string; sel: string; want: boolean }[] = [
    { desc: 'equality', sel: 'app=web', want: true },
    { desc: 'double equals', sel: 'app==web', want: true },
    { desc: 'inequality', sel: 'app!=web', want: false },
    { desc: 'inequality on a missing key matches', sel: 'zone!=a', want: true },
    { desc: 'in', sel: 'app in (db, web)', want: true },
    { desc: 'notin', sel: 'tier notin (front)', want: false },
    { desc: 'exists', sel: 'tier', want: true },
    { desc: 'does not exist', sel: '!tier', want: false },
    { desc: 'greater than', sel: 'n>2', want: true },
    { desc: 'all terms must hold', sel: 'app=web,tier in (back,db)', want: false },
    { desc: 'empty selects everything', sel: '', want: true },
  ];
  for (const r of rows) assert.equal(matchesLabels(parseLabelSelector(r.sel), labels), r.want, r.desc);
  assert.throws(() => parseLabelSelector('a in b'), /unable to parse requirement/);
});

test('structured selectors print as kubectl shows them', () => {
  assert.equal(
    formatLabelSelector({
      matchLabels: { b: '2', a: '1' },
      matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }],
    }),
    'a=1,b=2,c in (x,y)',
  );
});

test('field selectors: per-kind labels, any order, unsupported ones refused with kube text', () => {
  const events = BUILTIN_RESOURCES.find((r) => r.group === '' && r.resource === 'events')!;
  const pods = BUILTIN_RESOURCES.find((r) => r.group === '' && r.resource === 'pods')!;
  const ev = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', uid: 'u1' },
    type: 'Warning',
  };
  const rows: { desc: string; sel: string; want: boolean }[] = [
    {
      desc: 'describe pod terms',
      sel: 'involvedObject.uid=u1,involvedObject.name=nginx,involvedObject.namespace=default',
      want: true,
    },
    { desc: 'kind term', sel: 'involvedObject.kind=Deployment', want: false },
    { desc: 'negated', sel: 'type!=Normal', want: true },
    { desc: 'metadata.name', sel: 'metadata.name=e', want: true },
  ];
  for (const r of rows)
    assert.equal(matchesFields(events, parseFieldSelector(events, r.sel), ev), r.want, r.desc);
  assert.throws(() => parseFieldSelector(pods, 'spec.foo=bar'), {
    message: 'field label not supported: spec.foo',
  });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { nodeName: 'kubelab' },
    status: { phase: 'Running' },
  };
  assert.equal(
    matchesFields(pods, parseFieldSelector(pods, 'status.phase=Running,spec.nodeName=kubelab'), pod),
    true,
  );
});
