/**
 * The floor for an API round trip: a bare node:https server that reads the request and answers a canned
 * body (the bytes kubelab gave for the same benchmark case), in its own process as kubelab is.
 * Usage: node --import tsx bench/lib/floor-server.ts SPEC.json — prints {"port":N} once listening; it
 * reads the answers file the spec names when asked for a case it has no answer for yet, so it can start
 * before the answers are known.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface CannedAnswer {
  status: number;
  contentType: string;
  bodyBase64: string;
}

export interface FloorSpec {
  host: string;
  cert: string;
  key: string;
  /** A JSON file of Record<benchCase, CannedAnswer>. */
  answersFile: string;
}

type Loaded = Map<string, CannedAnswer & { body: Buffer }>;

function load(file: string): Loaded {
  const answers = JSON.parse(readFileSync(file, 'utf8')) as Record<string, CannedAnswer>;
  return new Map(
    Object.entries(answers).map(([name, a]) => [name, { ...a, body: Buffer.from(a.bodyBase64, 'base64') }]),
  );
}

function serve(spec: FloorSpec): void {
  let answers: Loaded | undefined;
  const server = createServer({ cert: spec.cert, key: spec.key, keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume();
    req.on('end', () => {
      const name = String(req.headers['x-bench-case']);
      // The benchmark adds answers as it learns them: read the file again for a case not seen yet.
      if (!answers?.has(name)) answers = load(spec.answersFile);
      const answer = answers.get(name);
      if (!answer) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such bench case\n');
        return;
      }
      res.writeHead(answer.status, {
        'content-type': answer.contentType,
        'content-length': answer.body.length,
      });
      res.end(answer.body);
    });
  });
  server.listen(0, spec.host, () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
  // The parent's end is our end: never outlive the benchmark.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

const specPath = process.argv[2];
if (specPath && fileURLToPath(import.meta.url) === process.argv[1]) {
  serve(JSON.parse(readFileSync(specPath, 'utf8')) as FloorSpec);
}
