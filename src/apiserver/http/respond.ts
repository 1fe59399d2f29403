/** Writes a Result onto an HTTP response: JSON objects with Warning headers, chunked watch streams flushed at once, text streams. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../context.ts';

/** kube's Warning header form: `299 - "text"` (RFC 7234). */
function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}

export function respond(
  req: IncomingMessage,
  res: ServerResponse,
  result: Result,
  onStop: (stop: () => void) => () => void,
): void {
  if (result.type === 'object') {
    const isText = typeof result.body === 'string' && result.contentType?.startsWith('text/');
    const body = isText ? (result.body as string) : JSON.stringify(result.body);
    const headers: Record<string, string | string[]> = {
      'content-type': result.contentType ?? 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-cache, private',
    };
    if (result.warnings && result.warnings.length > 0) headers.warning = result.warnings.map(warningHeader);
    res.writeHead(result.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(result.type === 'text' ? result.status : 200, {
    'content-type': result.contentType,
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  // Without this the headers wait for the first event, and kubectl's informers block (kubectl-api.md §7.3).
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    res.end();
  };
  if (result.type === 'watch') {
    const stop = result.start({
      event: (ev) => {
        if (!ended) res.write(`${JSON.stringify(ev)}\n`);
      },
      end: () => finish(),
    });
    const release = onStop(stop);
    res.on('close', () => {
      stop();
      release();
      ended = true;
    });
    return;
  }
  const abort = new AbortController();
  const release = onStop(() => abort.abort());
  res.on('close', () => {
    abort.abort();
    release();
    ended = true;
  });
  void result
    .start({ write: (chunk) => void (ended || res.write(chunk)), end: finish }, abort.signal)
    .catch(() => finish());
}
