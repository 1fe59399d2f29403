import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiRequest, ApiTransport } from '../core/index.ts';
import { withUserAgent } from './user-agent.ts';

test('withUserAgent names requests and watches, and keeps a User-Agent the caller set', async () => {
  const seen: (string | undefined)[] = [];
  const inner: ApiTransport = {
    request: (req: ApiRequest) => {
      seen.push(req.headers?.['user-agent']);
      return Promise.resolve({ status: 200, body: {} });
    },
    watch: (req: ApiRequest) => {
      seen.push(req.headers?.['user-agent']);
      return { stop: () => {} };
    },
  };
  const t = withUserAgent(inner, 'kubelet/v1.32.0');
  await t.request({ method: 'GET', path: '/api/v1/pods', headers: { accept: 'application/json' } });
  t.watch(
    { method: 'GET', path: '/api/v1/pods' },
    () => {},
    () => {},
  );
  await t.request({ method: 'GET', path: '/api/v1/pods', headers: { 'user-agent': 'kubectl/v1.32.0' } });
  assert.deepEqual(seen, ['kubelet/v1.32.0', 'kubelet/v1.32.0', 'kubectl/v1.32.0']);
});
