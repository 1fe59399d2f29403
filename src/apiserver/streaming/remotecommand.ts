/**
 * What exec and attach share whatever carries them (WebSocket channels or SPDY streams): the process
 * runner, the stdin queue, and the v4 Status that ends a session (k8s: staging/src/k8s.io/apimachinery/
 * pkg/util/remotecommand, pkg/kubelet/cri/streaming/remotecommand/exec.go).
 */
import { ApiError } from '../../core/index.ts';
import type { ExecStdio } from '../pods/hooks.ts';

/** Runs exec's command or attaches to the container; resolves to the exit code. */
export type StdioRunner = (stdio: ExecStdio, signal: AbortSignal) => Promise<number>;

/** The streams the client asked for (query stdin/stdout/stderr/tty). */
export interface StdioOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export type StatusJson = Record<string, unknown>;

/** The v4 Status for an exit code (remotecommand exec.go: NonZeroExitCode with an ExitCode cause). */
export function exitStatus(code: number): StatusJson {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export function errorStatus(err: unknown): StatusJson {
  return {
    metadata: {},
    status: 'Failure',
    message: err instanceof Error ? err.message : String(err),
    reason: err instanceof ApiError ? err.toStatus().reason : 'InternalError',
    code: err instanceof ApiError ? err.httpStatus : 500,
  };
}

/** A queue of stdin chunks that ends when the client closes stdin or the connection. */
export function stdinQueue(): { push(b: Buffer): void; end(): void; iterable: AsyncIterable<Buffer> } {
  const chunks: Buffer[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  return {
    push(b): void {
      chunks.push(b);
      wake?.();
    },
    end(): void {
      done = true;
      wake?.();
    },
    iterable: {
      async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
        for (;;) {
          const next = chunks.shift();
          if (next) yield next;
          else if (done) return;
          else await new Promise<void>((r) => (wake = r));
        }
      },
    },
  };
}

/** Terminal sizes from a resize stream: JSON objects, one per line (Go's json.Encoder). */
export function resizeParser(
  emit: (size: { width: number; height: number }) => void,
): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      try {
        const size = JSON.parse(p) as { Width?: unknown; Height?: unknown };
        if (typeof size.Width === 'number' && typeof size.Height === 'number')
          emit({ width: size.Width, height: size.Height });
      } catch {
        // a malformed resize changes nothing
      }
    }
  };
}

/** Runs `run` and turns its outcome into the Status that ends the session. */
export function runToStatus(run: StdioRunner, stdio: ExecStdio, signal: AbortSignal): Promise<StatusJson> {
  return run(stdio, signal).then(exitStatus, errorStatus);
}
