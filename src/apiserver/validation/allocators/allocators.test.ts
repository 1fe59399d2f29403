import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../../core/index.ts';
import { AllocationError, createAllocators } from './index.ts';

/** A fixed "random" source: always the start of the band, so picks are predictable. */
const first = (): number => 0;

describe('ClusterIP allocator (story table, as metallb allocator_test.go)', () => {
  test('random picks come from above the static band; requests anywhere in range', () => {
    const a = createAllocators({ random: first });
    const steps: { desc: string; run: () => unknown; want: unknown }[] = [
      { desc: 'kubernetes asks for .1', run: () => a.clusterIP('127.96.0.1'), want: '127.96.0.1' },
      { desc: 'kube-dns asks for .10', run: () => a.clusterIP('127.96.0.10'), want: '127.96.0.10' },
      {
        desc: 'first dynamic pick skips the 256-address static band',
        run: () => a.clusterIP(),
        want: '127.96.1.1',
      },
      { desc: 'next dynamic pick', run: () => a.clusterIP(), want: '127.96.1.2' },
    ];
    for (const s of steps) assert.equal(s.run(), s.want, s.desc);
  });

  const errorCases: { desc: string; used: string[]; request: string; want: string }[] = [
    {
      desc: 'taken',
      used: ['127.96.0.10'],
      request: '127.96.0.10',
      want: 'failed to allocate IP 127.96.0.10: provided IP is already allocated',
    },
    {
      desc: 'outside the range',
      used: [],
      request: '10.0.0.5',
      want: 'failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 127.96.0.0/12',
    },
    {
      desc: 'the network address',
      used: [],
      request: '127.96.0.0',
      want: 'failed to allocate IP 127.96.0.0: the provided IP (127.96.0.0) is not in the valid range. The range of valid IPs is 127.96.0.0/12',
    },
  ];
  for (const c of errorCases) {
    test(c.desc, () => {
      const a = createAllocators({ used: { ips: c.used } });
      assert.throws(
        () => a.clusterIP(c.request),
        (e: unknown) => e instanceof AllocationError && e.code === 'INVALID' && e.detail === c.want,
      );
    });
  }

  test('release makes an IP available again; releaseService frees all a Service held', () => {
    const a = createAllocators();
    a.clusterIP('127.96.0.20');
    a.releaseClusterIP('127.96.0.20');
    assert.equal(a.clusterIP('127.96.0.20'), '127.96.0.20');
    a.nodePort(30222);
    a.releaseService({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'x' },
      spec: { clusterIP: '127.96.0.20', clusterIPs: ['127.96.0.20'], ports: [{ port: 80, nodePort: 30222 }] },
    });
    assert.equal(a.clusterIP('127.96.0.20'), '127.96.0.20');
    assert.equal(a.nodePort(30222), 30222);
  });

  test('a full range is an internal error, as kube reports it', () => {
    const a = createAllocators({ serviceCIDR: '127.99.0.0/30', random: first });
    assert.equal(a.clusterIP(), '127.99.0.1');
    assert.equal(a.clusterIP(), '127.99.0.2');
    assert.throws(
      () => a.clusterIP(),
      (e: unknown) => e instanceof ApiError && e.code === 'INTERNAL' && /range is full/.test(e.message),
    );
  });
});

describe('NodePort allocator', () => {
  test('dynamic picks start above the 86-port static band', () => {
    const a = createAllocators({ random: first });
    assert.equal(a.nodePort(), 30086);
    assert.equal(a.nodePort(), 30087);
  });

  const cases: { desc: string; used: number[]; request: number; want: string }[] = [
    {
      desc: "taken (the lab's 30222)",
      used: [30222],
      request: 30222,
      want: 'provided port is already allocated',
    },
    {
      desc: 'outside the range',
      used: [],
      request: 8080,
      want: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      const a = createAllocators({ used: { ports: c.used } });
      assert.throws(
        () => a.nodePort(c.request),
        (e: unknown) => e instanceof AllocationError && e.detail === c.want,
      );
    });
  }

  test('a custom range for a second kubelab', () => {
    const a = createAllocators({ nodePortRange: '40000-40009', random: first });
    // Ten ports are all "static band" (its minimum is 16), so random picks fall back to it.
    assert.equal(a.nodePort(), 40000);
    assert.throws(() => a.nodePort(30000), /not in the valid range. The range of valid ports is 40000-40009/);
  });
});
