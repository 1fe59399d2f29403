import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { createClient } from './client.ts';
import { createEventRecorder } from './event-recorder.ts';
import type { CoreEvent } from './event-types.ts';
import { httpTransport } from './http-transport.ts';
import { startScriptedApi, waitFor } from './testing/scripted-api.ts';

const EVENTS = '/api/v1/namespaces/default/events';
const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion: '42' },
};

async function setup(t: Parameters<typeof startScriptedApi>[0], host?: string) {
  const api = await startScriptedApi(t);
  const transport = httpTransport({ server: api.url });
  t.after(() => transport.close());
  const clock = new FakeClock('2026-11-26T12:48:28.250Z');
  const errors: string[] = [];
  const recorder = createEventRecorder(createClient(transport), {
    component: 'deployment-controller',
    clock,
    ...(host ? { host } : {}),
    onError: (err) => errors.push(err.message),
  });
  const events = async () =>
    (await createClient(transport).events.list({ namespace: 'default' })).items as CoreEvent[];
  const writes = () => api.requests.filter((r) => r.path.startsWith(EVENTS)).map((r) => r.method);
  return { api, clock, recorder, events, writes, errors };
}

describe('event recorder', () => {
  test('the first event is created as client-go makes it', async (t) => {
    const { api, clock, recorder } = await setup(t);
    recorder.event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-7d4b9c to 3');
    await recorder.flush();
    const req = api.requests[0];
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, EVENTS);
    const body = req?.body as CoreEvent;
    const { name, ...meta } = body.metadata;
    assert.match(name, /^web\.[0-9a-f]+$/);
    const nanos = BigInt(`0x${name.slice(4)}`);
    assert.equal(nanos / 1_000_000n, BigInt(clock.now().getTime()), 'the suffix is unix nanoseconds in hex');
    assert.deepEqual(meta, { namespace: 'default' });
    assert.deepEqual(
      { ...body, metadata: undefined },
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: undefined,
        involvedObject: {
          kind: 'Deployment',
          namespace: 'default',
          name: 'web',
          uid: 'uid-web',
          apiVersion: 'apps/v1',
          resourceVersion: '42',
        },
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-7d4b9c to 3',
        source: { component: 'deployment-controller' },
        firstTimestamp: '2026-11-26T12:48:28Z',
        lastTimestamp: '2026-11-26T12:48:28Z',
        count: 1,
        type: 'Normal',
        eventTime: null,
        reportingComponent: 'deployment-controller',
        reportingInstance: '',
      },
    );
  });

  test('a repeat within the cache patches count and lastTimestamp of the first event: (x19 over 4m30s)', async (t) => {
    const { api, clock, recorder, events, writes } = await setup(t);
    for (let i = 0; i < 19; i++) {
      if (i > 0) clock.advance(15_000);
      recorder.event(deployment, 'Warning', 'FailedCreate', 'Error creating: pods "web-x" is forbidden');
    }
    await recorder.flush();
    assert.deepEqual(writes(), ['POST', ...Array<string>(18).fill('PATCH')]);
    const patch = api.requests[1];
    assert.equal(patch?.headers['content-type'], 'application/strategic-merge-patch+json');
    assert.deepEqual(patch?.body, {
      count: 2,
      lastTimestamp: '2026-11-26T12:48:43Z',
      message: 'Error creating: pods "web-x" is forbidden',
    });
    const [only, ...rest] = await events();
    assert.equal(rest.length, 0);
    assert.equal(patch?.path, `${EVENTS}/${only?.metadata.name}`);
    assert.equal(only?.count, 19);
    assert.equal(only?.firstTimestamp, '2026-11-26T12:48:28Z');
    assert.equal(only?.lastTimestamp, '2026-11-26T12:52:58Z');
  });

  test('a different message, reason or object is a new event', async (t) => {
    const { recorder, events } = await setup(t);
    recorder.event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 to 1');
    recorder.event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 to 2');
    recorder.event(
      { ...deployment, metadata: { ...deployment.metadata, name: 'api', uid: 'uid-api' } },
      'Normal',
      'ScalingReplicaSet',
      'Scaled up replica set web-1 to 1',
    );
    await recorder.flush();
    assert.equal((await events()).length, 3);
  });

  test('a cluster-scoped object: event in default, host as source.host and reportingInstance; a reference with fieldPath', async (t) => {
    const { api, recorder } = await setup(t, 'minikube');
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'minikube', uid: 'uid-node' },
    };
    recorder.event(node, 'Normal', 'NodeReady', 'Node minikube status is now: NodeReady');
    recorder.event(
      {
        kind: 'Pod',
        namespace: 'default',
        name: 'nginx',
        uid: 'uid-pod',
        apiVersion: 'v1',
        fieldPath: 'spec.containers{nginx}',
      },
      'Normal',
      'Started',
      'Started container nginx',
    );
    await recorder.flush();
    const [nodeEvent, podEvent] = api.requests.map((r) => r.body as CoreEvent);
    assert.equal(nodeEvent?.metadata.namespace, 'default');
    assert.deepEqual(nodeEvent?.involvedObject, {
      kind: 'Node',
      name: 'minikube',
      uid: 'uid-node',
      apiVersion: 'v1',
    });
    assert.deepEqual(nodeEvent?.source, { component: 'deployment-controller', host: 'minikube' });
    assert.equal(nodeEvent?.reportingInstance, 'minikube');
    assert.equal(podEvent?.involvedObject.fieldPath, 'spec.containers{nginx}');
    assert.match(podEvent?.metadata.name ?? '', /^nginx\./);
  });

  test('if the event to patch is gone, it is created again', async (t) => {
    const { api, recorder, events, writes } = await setup(t);
    recorder.event(deployment, 'Normal', 'X', 'same');
    await recorder.flush();
    const [first] = await events();
    api.remove('/api/v1/events', 'default', first?.metadata.name ?? '');
    recorder.event(deployment, 'Normal', 'X', 'same');
    await recorder.flush();
    assert.deepEqual(writes(), ['POST', 'GET', 'PATCH', 'POST']);
    const [again] = await events();
    assert.equal(again?.count, 2);
  });

  test('ten messages for one object and reason within 10 minutes are combined', async (t) => {
    const { recorder, events } = await setup(t);
    for (let i = 1; i <= 10; i++) recorder.event(deployment, 'Warning', 'FailedCreate', `attempt ${i}`);
    await recorder.flush();
    const messages = (await events()).map((e) => e.message).sort();
    assert.equal(messages.length, 10);
    assert.ok(messages.includes('(combined from similar events): attempt 10'));
    assert.ok(!messages.includes('attempt 10'));
  });

  test('spam filter: 25 events per object, then one per 5 minutes', async (t) => {
    const { clock, recorder, writes } = await setup(t);
    for (let i = 1; i <= 26; i++) recorder.event(deployment, 'Normal', `Reason${i}`, 'm');
    await recorder.flush();
    assert.equal(writes().length, 25);
    clock.advance(300_000);
    recorder.event(deployment, 'Normal', 'Reason27', 'm');
    recorder.event(deployment, 'Normal', 'Reason28', 'm');
    await recorder.flush();
    assert.equal(writes().length, 26);
  });

  test('transport errors are retried on the clock, then given up on', async (t) => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = httpTransport({ server: `http://127.0.0.1:${port}` });
    t.after(() => transport.close());
    const clock = new FakeClock();
    const errors: string[] = [];
    const recorder = createEventRecorder(createClient(transport), {
      component: 'kubelet',
      clock,
      maxTries: 3,
      retryDelayMs: 1000,
      onError: (err) => errors.push(err.message),
    });
    recorder.event(deployment, 'Normal', 'X', 'y');
    for (let i = 0; i < 2; i++) {
      await waitFor(() => clock.pendingTimers() === 1, `retry pause ${i + 1}`);
      clock.advance(1000);
    }
    await recorder.flush();
    assert.deepEqual(errors, ['unable to write event (retry limit exceeded)']);
  });
});
