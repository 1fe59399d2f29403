/** Bodies kubelab cannot decode faithfully are refused with a message naming the gap, never half-read. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../core/index.ts';
import { envelope, lenField, message, varintField } from './encode-for-tests.ts';
import { decodeProtobufObject } from './index.ts';

const meta = (name: string): Buffer => lenField(1, message(lenField(1, name)));
const pod = (container: Buffer): Buffer =>
  envelope('v1', 'Pod', message(meta('p'), lenField(2, message(lenField(2, container)))));

const CASES: { desc: string; body: Buffer; status: number; message: RegExp }[] = [
  {
    desc: 'an unknown field number names the message type and the field',
    body: pod(message(lenField(1, 'c'), lenField(99, 'x'))),
    status: 400,
    message:
      /field 99 \(wire type 2\) of k8s\.io\.api\.core\.v1\.Container is not in kubelab's protobuf table/,
  },
  {
    desc: 'a wire type that does not match the field is refused',
    body: pod(message(varintField(1, 7))),
    status: 400,
    message: /k8s\.io\.api\.core\.v1\.Container\.name \(field 1\) has wire type 0, expected 2/,
  },
  {
    desc: 'a kind without a table answers 415 and names it',
    body: envelope('apps/v1', 'StatefulSet', meta('s')),
    status: 415,
    message: /unknown format .*no protobuf table for apps\/v1, Kind=StatefulSet/,
  },
  {
    desc: 'a body without the k8s\\0 prefix is not a Kubernetes protobuf message',
    body: Buffer.from('{"kind":"Pod"}'),
    status: 400,
    message: /no k8s\\x00 prefix/,
  },
  {
    desc: 'a truncated body is refused',
    body: envelope('v1', 'ConfigMap', meta('c')).subarray(0, 20),
    status: 400,
    message: /could not be decoded as protobuf: truncated/,
  },
  {
    desc: 'an envelope without apiVersion and kind is refused',
    body: Buffer.concat([Buffer.from('k8s\0', 'latin1'), lenField(2, meta('c'))]),
    status: 400,
    message: /does not name the apiVersion and kind/,
  },
  {
    desc: 'a gzip content encoding is not supported',
    body: Buffer.concat([envelope('v1', 'ConfigMap', meta('c')), lenField(3, 'gzip')]),
    status: 415,
    message: /content encoding gzip is not supported/,
  },
];

describe('protobuf bodies kubelab refuses', () => {
  for (const c of CASES) {
    test(c.desc, () => {
      assert.throws(
        () => decodeProtobufObject(c.body),
        (err: unknown) =>
          err instanceof ApiError && err.httpStatus === c.status && c.message.test(err.message),
      );
    });
  }
});
