/** A minimal protobuf writer used only by this folder's tests, to build bodies kubectl never sends. */

function varint(v: bigint): Buffer {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    const low = Number(x & 0x7fn);
    x >>= 7n;
    out.push(x === 0n ? low : low | 0x80);
  } while (x !== 0n);
  return Buffer.from(out);
}

export function varintField(n: number, v: number | bigint): Buffer {
  return Buffer.concat([varint(BigInt(n << 3)), varint(BigInt(v))]);
}

export function lenField(n: number, payload: Uint8Array | string): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload);
  return Buffer.concat([varint(BigInt((n << 3) | 2)), varint(BigInt(bytes.length)), bytes]);
}

export function message(...fields: Buffer[]): Buffer {
  return Buffer.concat(fields);
}

/** `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const typeMeta = message(lenField(1, apiVersion), lenField(2, kind));
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), lenField(1, typeMeta), lenField(2, raw)]);
}
