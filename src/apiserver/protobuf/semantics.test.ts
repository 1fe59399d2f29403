/** Go's JSON rules applied to decoded fields: omitempty, pointers, packed numbers, and the special types. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { envelope, lenField, message, varintField } from './encode-for-tests.ts';
import { decodeProtobufObject } from './index.ts';

const meta = (...fields: Buffer[]): Buffer => lenField(1, message(...fields));
const entry = (k: string, v: Buffer | string): Buffer => message(lenField(1, k), lenField(2, v));

const CASES: {
  desc: string;
  apiVersion: string;
  kind: string;
  raw: Buffer;
  want: Record<string, unknown>;
}[] = [
  {
    desc: 'a pointer field set to zero is kept (replicas: 0 must not default to 1)',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    raw: message(meta(lenField(1, 'd')), lenField(2, message(varintField(1, 0), varintField(5, 0)))),
    want: { metadata: { name: 'd' }, spec: { replicas: 0 } },
  },
  {
    desc: 'an Eviction (kubectl drain) keeps gracePeriodSeconds: 0 from its DeleteOptions',
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    raw: message(meta(lenField(1, 'p'), lenField(3, 'default')), lenField(2, message(varintField(1, 0)))),
    want: { metadata: { name: 'p', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0 } },
  },
  {
    desc: 'non-pointer zero scalars are left out, fields without omitempty are kept',
    apiVersion: 'v1',
    kind: 'Service',
    raw: message(
      lenField(2, message(lenField(1, message(lenField(1, ''), varintField(3, 0), varintField(5, 0))))),
    ),
    want: { spec: { ports: [{ port: 0 }] } },
  },
  {
    desc: 'an IntOrString carries a name or a number; a zero non-pointer one is unset',
    apiVersion: 'v1',
    kind: 'Service',
    raw: message(
      lenField(
        2,
        message(
          lenField(
            1,
            message(varintField(3, 80), lenField(4, message(varintField(1, 1), lenField(3, 'http')))),
          ),
          lenField(
            1,
            message(varintField(3, 81), lenField(4, message(varintField(1, 0), varintField(2, 8081)))),
          ),
          lenField(1, message(varintField(3, 82), lenField(4, message()))),
        ),
      ),
    ),
    want: {
      spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 8081 }, { port: 82 }] },
    },
  },
  {
    desc: 'a pointer IntOrString of 0 is kept (maxSurge: 0)',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    raw: message(lenField(2, message(lenField(4, message(lenField(2, message(lenField(2, message())))))))),
    want: { spec: { strategy: { rollingUpdate: { maxSurge: 0 } } } },
  },
  {
    desc: 'Time is RFC 3339 in seconds; an empty Time is the zero time and left out',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    raw: message(
      meta(
        lenField(1, 'c'),
        lenField(8, message()),
        lenField(9, message(varintField(1, 1700000000), varintField(2, 5))),
      ),
    ),
    want: { metadata: { name: 'c', deletionTimestamp: '2023-11-14T22:13:20Z' } },
  },
  {
    desc: 'bytes map values become base64; repeated map entries accumulate',
    apiVersion: 'v1',
    kind: 'Secret',
    raw: message(
      lenField(2, entry('a', Buffer.from([0, 255]))),
      lenField(2, entry('b', 'hi')),
      lenField(3, 'Opaque'),
    ),
    want: { data: { a: 'AP8=', b: 'aGk=' }, type: 'Opaque' },
  },
  {
    desc: 'repeated integers may be packed or one per field',
    apiVersion: 'v1',
    kind: 'Pod',
    raw: message(
      lenField(2, message(lenField(14, message(lenField(4, Buffer.from([1, 2])), varintField(4, 3))))),
    ),
    want: { spec: { securityContext: { supplementalGroups: [1, 2, 3] } } },
  },
  {
    desc: 'inline structs merge into their parent (Volume.volumeSource, ConfigMapVolumeSource name)',
    apiVersion: 'v1',
    kind: 'Pod',
    raw: message(
      lenField(
        2,
        message(
          lenField(
            1,
            message(
              lenField(1, 'v'),
              lenField(2, message(lenField(19, message(lenField(1, message(lenField(1, 'cm'))))))),
            ),
          ),
        ),
      ),
    ),
    want: { spec: { volumes: [{ name: 'v', configMap: { name: 'cm' } }] } },
  },
  {
    desc: 'Quantity maps are strings; managedFields carry raw JSON',
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    raw: message(
      meta(lenField(17, message(lenField(1, 'kubectl'), lenField(7, message(lenField(1, '{"f:spec":{}}')))))),
      lenField(2, message(lenField(1, entry('cpu', message(lenField(1, '500m')))))),
    ),
    want: {
      metadata: { managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] },
      spec: { hard: { cpu: '500m' } },
    },
  },
];

describe('Go JSON rules for decoded protobuf', () => {
  for (const c of CASES) {
    test(c.desc, () => {
      const got = decodeProtobufObject(envelope(c.apiVersion, c.kind, c.raw));
      assert.deepEqual(got, { apiVersion: c.apiVersion, kind: c.kind, ...c.want });
    });
  }
});
