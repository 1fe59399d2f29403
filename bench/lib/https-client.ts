/**
 * A bare keep-alive HTTPS requester for benchmarks: the bytes of each answer, no JSON decoding, so the
 * figures are the server's and the round trip's, and the same code measures kubelab and the floor server.
 */
import https from 'node:https';

export interface Endpoint {
  /** e.g. https://127.60.0.1:6443 */
  server: string;
  ca: string | Buffer;
  token?: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface Send {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: string;
  contentType?: string;
  accept?: string;
  /** Names the benchmark case, so the floor server knows which canned answer to give (kubelab ignores it). */
  benchCase: string;
}

export interface Requester {
  send(req: Send): Promise<Answer>;
  close(): void;
}

export function requester(endpoint: Endpoint): Requester {
  const url = new URL(endpoint.server);
  const agent = new https.Agent({ keepAlive: true, ca: endpoint.ca });
  return {
    send: (req) =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string> = {
          accept: req.accept ?? 'application/json',
          'user-agent': 'kubelab-bench',
          'x-bench-case': req.benchCase,
          ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
        };
        if (req.body !== undefined) {
          headers['content-type'] = req.contentType ?? 'application/json';
          headers['content-length'] = String(Buffer.byteLength(req.body));
        }
        const r = https.request({
          agent,
          method: req.method,
          hostname: url.hostname,
          port: url.port,
          path: req.path,
          headers,
          timeout: 30_000,
        });
        r.on('timeout', () => r.destroy(new Error(`${req.method} ${req.path}: no answer in 30 s`)));
        r.on('error', reject);
        r.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'] ?? '',
              body: Buffer.concat(chunks),
            }),
          );
        });
        r.end(req.body);
      }),
    close: () => agent.destroy(),
  };
}

/** Sends and insists on a 2xx answer: a benchmark that silently measures errors would mislead. */
export async function expectOk(client: Requester, req: Send): Promise<Answer> {
  const answer = await client.send(req);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(
      `${req.method} ${req.path}: HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`,
    );
  }
  return answer;
}
