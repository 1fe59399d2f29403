/**
 * The server side of a SPDY/3.1 connection as kubectl's client (moby/spdystream) expects it: the
 * client opens streams, the server replies to each, both sides send data and FIN or reset them.
 * No flow control: spdystream never sends WINDOW_UPDATE and ignores the windows (connection.go).
 */
import {
  FLAG_FIN,
  FrameType,
  RstStatus,
  dataFrames,
  goAwayFrame,
  pingFrame,
  rstStreamFrame,
  splitFrames,
  synReplyFrame,
} from './spdy-frames.ts';
import type { Frame, SpdyHeaders } from './spdy-frames.ts';
import { HeaderInflater, StoredHeaderDeflater } from './spdy-zlib.ts';
import type { ByteTransport } from './transport.ts';

export class SpdyStream {
  #localClosed = false;
  #remoteClosed = false;
  #dataListeners: ((chunk: Buffer) => void)[] = [];
  #endListeners: (() => void)[] = [];
  /** Data that arrived before anyone listened (a stream is handed out before its peer is). */
  #pending: Buffer[] = [];

  constructor(
    readonly session: SpdySession,
    readonly id: number,
    readonly headers: SpdyHeaders,
  ) {}

  get closed(): boolean {
    return this.#localClosed && this.#remoteClosed;
  }

  get remoteClosed(): boolean {
    return this.#remoteClosed;
  }

  /** Data from the client; data that came before the first listener is replayed to it. */
  onData(listener: (chunk: Buffer) => void): void {
    this.#dataListeners.push(listener);
    for (const c of this.#pending.splice(0)) listener(c);
  }

  /** The client's FIN or RST, or the connection ending: no more data will come. */
  onEnd(listener: () => void): void {
    if (this.#remoteClosed) listener();
    else this.#endListeners.push(listener);
  }

  /** Sends data; false when the connection is backed up (wait for the session's onDrain). */
  write(chunk: Buffer): boolean {
    if (this.#localClosed || chunk.length === 0) return true;
    return this.session.send(dataFrames(this.id, chunk, false));
  }

  /** Half-close: FIN with no data (spdystream's Stream.Close). */
  end(): void {
    if (this.#localClosed) return;
    this.#localClosed = true;
    this.session.send(dataFrames(this.id, Buffer.alloc(0), true));
    this.session.forgetIfClosed(this);
  }

  reset(status: number = RstStatus.CANCEL): void {
    if (this.closed) return;
    this.#localClosed = true;
    this.session.send(rstStreamFrame(this.id, status));
    this.remoteEnded();
  }

  /** @internal */
  received(chunk: Buffer): void {
    if (this.#remoteClosed || chunk.length === 0) return;
    if (this.#dataListeners.length === 0) this.#pending.push(chunk);
    for (const l of this.#dataListeners) l(chunk);
  }

  /** @internal */
  remoteEnded(): void {
    if (this.#remoteClosed) return;
    this.#remoteClosed = true;
    for (const l of this.#endListeners.splice(0)) l();
    this.session.forgetIfClosed(this);
  }

  /** @internal: the connection is gone; nothing can be sent any more. */
  connectionLost(): void {
    this.#localClosed = true;
    this.remoteEnded();
  }
}

/**
 * Called for each stream the client opens; throwing (or returning a message) resets the stream
 * instead of replying, as k8s' newStreamHandler rejection does.
 */
export type StreamHandler = (stream: SpdyStream) => void;

export class SpdySession {
  readonly #streams = new Map<number, SpdyStream>();
  readonly #inflater = new HeaderInflater();
  readonly #deflater = new StoredHeaderDeflater();
  #buffer: Buffer = Buffer.alloc(0);
  #queue: Frame[] = [];
  #draining = false;
  #closed = false;
  #lastStreamId = 0;
  readonly #closeListeners: (() => void)[] = [];
  #drainListeners: (() => void)[] = [];

  constructor(
    readonly transport: ByteTransport,
    readonly onStream: StreamHandler,
  ) {
    transport.onData((chunk) => {
      const { frames, rest } = splitFrames(Buffer.concat([this.#buffer, chunk]));
      this.#buffer = rest;
      this.#queue.push(...frames);
      void this.#drain();
    });
    transport.onClose(() => this.#lost());
    transport.onDrain(() => this.#drained());
  }

  #drained(): void {
    const listeners = this.#drainListeners;
    this.#drainListeners = [];
    for (const l of listeners) l();
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#closeListeners.push(listener);
  }

  /** @internal */
  send(bytes: Buffer): boolean {
    return this.#closed || this.transport.write(bytes);
  }

  /** Once, when what was sent has gone out after a send returned false (or at close). */
  onceDrained(listener: () => void): void {
    if (this.#closed) return listener();
    this.#drainListeners.push(listener);
  }

  /** @internal */
  forgetIfClosed(stream: SpdyStream): void {
    if (stream.closed) this.#streams.delete(stream.id);
  }

  /** GOAWAY, then end the connection (what a finished exec or a dropped port-forward does). */
  close(): void {
    if (this.#closed) return;
    this.send(goAwayFrame(this.#lastStreamId));
    this.transport.end();
    this.#lost();
  }

  #lost(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#inflater.close();
    for (const s of this.#streams.values()) s.connectionLost();
    this.#streams.clear();
    for (const l of this.#closeListeners.splice(0)) l();
    this.#drained();
  }

  /** Frames are handled one at a time, in order: header blocks inflate asynchronously. */
  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let f = this.#queue.shift(); f && !this.#closed; f = this.#queue.shift()) await this.#handle(f);
    } catch {
      // a corrupt header stream cannot be recovered (SPDY draft 3 §2.6.10.1): drop the connection
      this.close();
    } finally {
      this.#draining = false;
    }
  }

  async #handle(f: Frame): Promise<void> {
    if (f.kind === 'data') {
      const s = this.#streams.get(f.streamId);
      if (!s) return;
      s.received(f.data);
      if (f.flags & FLAG_FIN) s.remoteEnded();
      return;
    }
    const p = f.payload;
    switch (f.type) {
      case FrameType.SYN_STREAM: {
        const id = p.readUInt32BE(0) & 0x7fffffff;
        const headers = await this.#inflater.decode(p.subarray(10));
        this.#lastStreamId = Math.max(this.#lastStreamId, id);
        const stream = new SpdyStream(this, id, headers);
        this.#streams.set(id, stream);
        try {
          this.onStream(stream);
        } catch {
          stream.reset(RstStatus.REFUSED_STREAM);
          return;
        }
        if (!stream.closed) this.send(synReplyFrame(id, this.#deflater.compress(new Map()), false));
        if (f.flags & FLAG_FIN) stream.remoteEnded();
        return;
      }
      case FrameType.HEADERS:
        await this.#inflater.decode(p.subarray(4)); // keeps the zlib stream in step; nothing uses them
        return;
      case FrameType.RST_STREAM: {
        const s = this.#streams.get(p.readUInt32BE(0) & 0x7fffffff);
        s?.connectionLost();
        if (s) this.#streams.delete(s.id);
        return;
      }
      case FrameType.PING: {
        const id = p.readUInt32BE(0);
        if (id % 2 === 1) this.send(pingFrame(id)); // the client's pings are odd; answer them
        return;
      }
      case FrameType.GOAWAY:
        this.close();
        return;
      default:
      // SETTINGS, WINDOW_UPDATE, SYN_REPLY to nothing we opened: ignored, as spdystream does
    }
  }
}
