/**
 * SPDY/3.1 framing as kubectl's framer (moby/spdystream spdy/read.go, write.go) reads and writes it:
 * control and data frames, and the name/value header blocks of SYN_STREAM, SYN_REPLY and HEADERS.
 */

export const SPDY_VERSION = 3;

/** Control frame types (SPDY draft 3 §2.6). */
export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

/** FLAG_FIN on data frames and on SYN_STREAM/SYN_REPLY/HEADERS. */
export const FLAG_FIN = 0x01;

/** RST_STREAM status codes used here (spdystream spdy/types.go). */
export const RstStatus = { PROTOCOL_ERROR: 1, INVALID_STREAM: 2, REFUSED_STREAM: 3, CANCEL: 5 } as const;

export type Frame =
  | { kind: 'data'; streamId: number; flags: number; data: Buffer }
  | { kind: 'control'; type: number; flags: number; payload: Buffer };

/** Header names are lower case; a value may hold several, NUL-separated on the wire. */
export type SpdyHeaders = Map<string, string[]>;

const MAX_LENGTH = 0xffffff;

/** Splits the complete frames off the front of `buf`; `rest` is an incomplete tail to keep. */
export function splitFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  while (buf.length - at >= 8) {
    const word = buf.readUInt32BE(at);
    const flags = buf[at + 4]!;
    const length = buf.readUIntBE(at + 5, 3);
    if (buf.length - at - 8 < length) break;
    const body = buf.subarray(at + 8, at + 8 + length);
    if (word & 0x80000000) frames.push({ kind: 'control', type: word & 0xffff, flags, payload: body });
    else frames.push({ kind: 'data', streamId: word & 0x7fffffff, flags, data: body });
    at += 8 + length;
  }
  return { frames, rest: buf.subarray(at) };
}

function frameHeader(first: number, flags: number, length: number): Buffer {
  if (length > MAX_LENGTH) throw new Error(`SPDY frame of ${length} bytes is too long`);
  const h = Buffer.alloc(8);
  h.writeUInt32BE(first >>> 0, 0);
  h[4] = flags;
  h.writeUIntBE(length, 5, 3);
  return h;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([
    frameHeader(0x80000000 | (SPDY_VERSION << 16) | type, flags, payload.length),
    payload,
  ]);
}

/** DATA frames; a large chunk becomes several frames (the 24-bit length), FIN on the last. */
export function dataFrames(streamId: number, data: Buffer, fin: boolean): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  do {
    const part = data.subarray(at, at + MAX_LENGTH);
    at += part.length;
    const last = at >= data.length;
    out.push(frameHeader(streamId & 0x7fffffff, last && fin ? FLAG_FIN : 0, part.length), part);
  } while (at < data.length);
  return Buffer.concat(out);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

export function synStreamFrame(streamId: number, compressedHeaders: Buffer, fin: boolean): Buffer {
  // stream id, associated-to stream id, priority (3 bits) + unused + slot
  const fixed = Buffer.concat([u32(streamId, 0), Buffer.from([0, 0])]);
  return controlFrame(FrameType.SYN_STREAM, fin ? FLAG_FIN : 0, Buffer.concat([fixed, compressedHeaders]));
}

export function synReplyFrame(streamId: number, compressedHeaders: Buffer, fin: boolean): Buffer {
  return controlFrame(
    FrameType.SYN_REPLY,
    fin ? FLAG_FIN : 0,
    Buffer.concat([u32(streamId), compressedHeaders]),
  );
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  return controlFrame(FrameType.RST_STREAM, 0, u32(streamId, status));
}

export function pingFrame(id: number): Buffer {
  return controlFrame(FrameType.PING, 0, u32(id));
}

export function goAwayFrame(lastGoodStreamId: number, status = 0): Buffer {
  return controlFrame(FrameType.GOAWAY, 0, u32(lastGoodStreamId, status));
}

/** The uncompressed name/value block: count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [u32(headers.size)];
  for (const [name, values] of headers) {
    const n = Buffer.from(name.toLowerCase());
    const v = Buffer.from(values.join('\0'));
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Parses one header block from the front of `buf`; undefined while it is incomplete. */
export function parseHeaderBlock(buf: Buffer): { headers: SpdyHeaders; used: number } | undefined {
  if (buf.length < 4) return undefined;
  const count = buf.readUInt32BE(0);
  const headers: SpdyHeaders = new Map();
  let at = 4;
  const take = (): string | undefined => {
    if (buf.length - at < 4) return undefined;
    const len = buf.readUInt32BE(at);
    if (buf.length - at - 4 < len) return undefined;
    const s = buf.toString('utf8', at + 4, at + 4 + len);
    at += 4 + len;
    return s;
  };
  for (let i = 0; i < count; i++) {
    const name = take();
    if (name === undefined) return undefined;
    const value = take();
    if (value === undefined) return undefined;
    headers.set(name.toLowerCase(), [...(headers.get(name.toLowerCase()) ?? []), ...value.split('\0')]);
  }
  return { headers, used: at };
}

/** The first value of a header, or '' (Go's http.Header.Get). */
export function headerValue(headers: SpdyHeaders, name: string): string {
  return headers.get(name.toLowerCase())?.[0] ?? '';
}
