import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ADDRESS_PLAN, nthAddress, validateAddressPlan, type AddressPlan } from './address-plan.ts';

test('the default plan is valid and mirrors minikube inside 127/8', () => {
  assert.doesNotThrow(() => validateAddressPlan(DEFAULT_ADDRESS_PLAN));
  assert.equal(nthAddress(DEFAULT_ADDRESS_PLAN.serviceCIDR, 1), '127.96.0.1');
  assert.equal(nthAddress(DEFAULT_ADDRESS_PLAN.serviceCIDR, 10), '127.96.0.10');
});

const bad: { desc: string; change: Partial<AddressPlan>; error: RegExp }[] = [
  {
    desc: "the lab's private LB pool is refused",
    change: { loadBalancerRange: '172.17.255.1-172.17.255.255' },
    error: /loadBalancerRange must lie inside 127\.0\.0\.0\/8/,
  },
  {
    desc: 'a pod range outside loopback',
    change: { podCIDR: '10.244.0.0/16' },
    error: /podCIDR must lie inside/,
  },
  {
    desc: 'pods overlapping services',
    change: { podCIDR: '127.96.0.0/16' },
    error: /podCIDR overlaps serviceCIDR/,
  },
  {
    desc: 'a node inside the pod range',
    change: { nodeIP: '127.244.0.9' },
    error: /nodeIP overlaps podCIDR/,
  },
  { desc: 'a malformed CIDR', change: { serviceCIDR: '127.96.0.0' }, error: /not an IPv4 CIDR/ },
  {
    desc: 'a reversed NodePort range',
    change: { nodePortRange: { min: 32767, max: 30000 } },
    error: /not a port range/,
  },
];
for (const row of bad) {
  test(`address plan: ${row.desc}`, () => {
    assert.throws(() => validateAddressPlan({ ...DEFAULT_ADDRESS_PLAN, ...row.change }), row.error);
  });
}
