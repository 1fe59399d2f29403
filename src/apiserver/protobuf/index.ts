/** Decoding of Kubernetes protobuf request bodies (what kubectl's typed clients send) into JSON objects. */
export { decodeProtobufObject, messageNameFor } from './envelope.ts';

/** The media type of Kubernetes protobuf bodies. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** True for `application/vnd.kubernetes.protobuf` with or without parameters. */
export function isProtobufMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}
