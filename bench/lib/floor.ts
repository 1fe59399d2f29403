/**
 * The floor server's lifecycle from the benchmark's side: start it in its own process (kubelab's serving
 * certificate, on the API host), feed it the answers to replay as they are learnt, stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CannedAnswer, FloorSpec } from './floor-server.ts';
import type { Answer } from './https-client.ts';
import { REPO } from './kubelab-cli.ts';

export interface Floor {
  child: ChildProcess;
  port: Promise<number>;
  /** Writes what the floor replays: the first answer kubelab gave for each case (atomically). */
  setAnswers(answers: Map<string, Answer>): void;
  stop(): Promise<void>;
}

/** Starts early, so its start-up overlaps other work; `workDir` holds its spec and answers files. */
export function startFloor(host: string, pkiDir: string, workDir: string): Floor {
  const answersFile = join(workDir, 'floor-answers.json');
  const setAnswers = (answers: Map<string, Answer>) => {
    const canned: Record<string, CannedAnswer> = Object.fromEntries(
      [...answers].map(([name, a]) => [
        name,
        { status: a.status, contentType: a.contentType, bodyBase64: a.body.toString('base64') },
      ]),
    );
    writeFileSync(`${answersFile}.tmp`, JSON.stringify(canned));
    renameSync(`${answersFile}.tmp`, answersFile);
  };
  setAnswers(new Map());
  const spec: FloorSpec = {
    host,
    cert: readFileSync(join(pkiDir, 'apiserver.crt'), 'utf8'),
    key: readFileSync(join(pkiDir, 'apiserver.key'), 'utf8'),
    answersFile,
  };
  const specPath = join(workDir, 'floor.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'bench', 'lib', 'floor-server.ts'), specPath],
    { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
  });
  port.catch(() => undefined); // awaited later; an early failure must not go unhandled meanwhile
  return {
    child,
    port,
    setAnswers,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
