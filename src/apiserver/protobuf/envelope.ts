/**
 * The Kubernetes protobuf envelope: `k8s\0` then a runtime.Unknown {1: TypeMeta, 2: raw, 3:
 * contentEncoding, 4: contentType} (apimachinery pkg/runtime/serializer/protobuf/protobuf.go,
 * pkg/runtime/generated.proto), unwrapped into the JSON object the same request would carry as JSON.
 */
import { ApiError, errors } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import { decodeMessage, ProtobufDecodeError } from './decode-message.ts';
import { messageSpec } from './schema.ts';
import { readFields, WireError } from './wire.ts';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder();

/** `apps/v1` + `Deployment` → `apps.v1.Deployment`; the group's first label names the proto package. */
export function messageNameFor(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  return `${group === '' ? 'core' : group.split('.')[0]}.${version}.${kind}`;
}

function unsupported(detail: string): ApiError {
  return new ApiError(
    'UNSUPPORTED_MEDIA_TYPE',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${detail})`,
  );
}

/** Decodes a whole `application/vnd.kubernetes.protobuf` request body; throws ApiError (400/415). */
export function decodeProtobufObject(body: Uint8Array): KubeObject {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b))
    throw errors.badRequest(
      'the body of the request is not a Kubernetes protobuf message (no k8s\\x00 prefix)',
    );
  try {
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array = new Uint8Array(0);
    let encoding = '';
    let contentType = '';
    for (const f of readFields(body.subarray(4))) {
      if (f.number === 1)
        for (const t of readFields(f.bytes)) {
          if (t.number === 1) apiVersion = utf8.decode(t.bytes);
          if (t.number === 2) kind = utf8.decode(t.bytes);
        }
      else if (f.number === 2) raw = f.bytes;
      else if (f.number === 3) encoding = utf8.decode(f.bytes);
      else if (f.number === 4) contentType = utf8.decode(f.bytes);
    }
    if (encoding !== '') throw unsupported(`content encoding ${encoding} is not supported`);
    if (contentType !== '' && !contentType.includes('protobuf'))
      throw unsupported(`an envelope holding ${contentType} is not supported`);
    if (kind === '' || apiVersion === '')
      throw errors.badRequest('the protobuf envelope does not name the apiVersion and kind of the object');
    const name = messageNameFor(apiVersion, kind);
    if (!messageSpec(name))
      throw unsupported(`kubelab has no protobuf table for ${apiVersion}, Kind=${kind}`);
    return { apiVersion, kind, ...decodeMessage(name, raw) } as KubeObject;
  } catch (err) {
    if (err instanceof ProtobufDecodeError || err instanceof WireError)
      throw errors.badRequest(`the body of the request could not be decoded as protobuf: ${err.message}`);
    throw err;
  }
}
