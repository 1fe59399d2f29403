/**
 * SPDY header block compression: each direction of a connection is one zlib stream primed with the
 * SPDY dictionary, flushed after every header block (SPDY draft 3 §2.6.10.1).
 */
import { constants, createDeflate, createInflate } from 'node:zlib';
import type { Deflate, Inflate } from 'node:zlib';
import { SPDY_DICTIONARY } from './spdy-dictionary.ts';
import { encodeHeaderBlock, parseHeaderBlock } from './spdy-frames.ts';
import type { SpdyHeaders } from './spdy-frames.ts';

/**
 * Compresses outgoing header blocks as stored (uncompressed) deflate blocks. That is a valid zlib
 * stream any inflater reads, it needs no dictionary, and it is synchronous, so frames leave in order;
 * the few bytes of our SYN_REPLY headers gain nothing from compression.
 */
export class StoredHeaderDeflater {
  #started = false;

  compress(headers: SpdyHeaders): Buffer {
    const raw = encodeHeaderBlock(headers);
    const parts: Buffer[] = [];
    if (!this.#started) {
      parts.push(Buffer.from([0x78, 0x01])); // CMF deflate/32K window, FLG: no dictionary, check bits
      this.#started = true;
    }
    let at = 0;
    do {
      const block = raw.subarray(at, at + 0xffff);
      at += block.length;
      const head = Buffer.alloc(5);
      head[0] = 0x00; // BFINAL=0, BTYPE=00 (stored), padded to the byte boundary
      head.writeUInt16LE(block.length, 1);
      head.writeUInt16LE(~block.length & 0xffff, 3);
      parts.push(head, block);
    } while (at < raw.length);
    // The sync-flush marker, an empty stored block: Go's inflater hands out a stored block's bytes
    // only when the next block begins (compress/flate dataBlock), so without it the header block
    // would wait for the next frame and the framer fail on the missing bytes.
    parts.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(parts);
  }
}

/** Inflates incoming header blocks on one persistent zlib stream with the SPDY dictionary. */
export class HeaderInflater {
  readonly #z: Inflate = createInflate({ dictionary: SPDY_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
  #out: Buffer = Buffer.alloc(0);
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor() {
    this.#z.on('data', (c: Buffer) => {
      this.#out = Buffer.concat([this.#out, c]);
      this.#wake?.();
    });
    this.#z.on('error', (e: Error) => {
      this.#error = e;
      this.#wake?.();
    });
  }

  /** Decodes the next header block; rejects on a corrupt stream. */
  async decode(compressed: Buffer): Promise<SpdyHeaders> {
    this.#z.write(compressed);
    this.#z.flush(constants.Z_SYNC_FLUSH);
    for (;;) {
      if (this.#error) throw this.#error;
      const parsed = parseHeaderBlock(this.#out);
      if (parsed) {
        this.#out = this.#out.subarray(parsed.used);
        return parsed.headers;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  close(): void {
    this.#z.destroy();
  }
}

/** A real (compressing) deflater for the client side in tests, as spdystream's framer writes. */
export class HeaderDeflater {
  readonly #z: Deflate = createDeflate({ dictionary: SPDY_DICTIONARY, level: 9 });

  compress(headers: SpdyHeaders): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer): number => chunks.push(c);
    this.#z.on('data', onData);
    return new Promise((resolve) => {
      this.#z.write(encodeHeaderBlock(headers));
      this.#z.flush(constants.Z_SYNC_FLUSH, () => {
        // data events of this flush precede its callback only once the readable side drained
        setImmediate(() => {
          this.#z.off('data', onData);
          resolve(Buffer.concat(chunks));
        });
      });
    });
  }

  close(): void {
    this.#z.destroy();
  }
}
