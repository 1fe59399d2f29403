/**
 * Run by crash-isolation.test.ts in its own process (the test runner treats uncaught errors as failures):
 * one container throws from a timer, outside any try/catch; the process must live on, that container must
 * exit 1, and a neighbour container must still serve HTTP. Prints one JSON line with what happened.
 */
import { request } from 'node:http';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { createImageRegistry } from '../registry.ts';
import type { ImageImplementation } from '../types.ts';
import { createInProcessRuntime } from './in-process.ts';

const crashing: ImageImplementation = {
  name: 'test/crash',
  executables: ['crash'],
  run: (ctx) =>
    new Promise<number>((resolve) => {
      setTimeout(() => {
        throw new Error('boom from a container timer');
      }, 50);
      ctx.signal.addEventListener('abort', () => resolve(137));
    }),
};
const serving: ImageImplementation = {
  name: 'test/serve',
  executables: ['serve'],
  run: async (ctx) => {
    const server: Server = createServer((_req, res) => res.end(ctx.hostname));
    await new Promise<void>((r) => server.listen(8000, ctx.podIP, r));
    await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r()));
    server.close();
    return 0;
  },
};
const image = (implementation: ImageImplementation, cmd: string) => ({
  implementation,
  entrypoint: [cmd],
  defaultArgs: [],
  defaultEnv: {},
});
const runtime = createInProcessRuntime({
  registry: createImageRegistry([image(crashing, 'crash'), image(serving, 'serve')]),
});
const handled: string[] = [];
const guard = (err: unknown) => {
  if (runtime.handleUncaught(err)) handled.push(String(err));
  else {
    console.log(JSON.stringify({ fatal: String(err) }));
    process.exit(1);
  }
};
process.on('uncaughtException', guard);
process.on('unhandledRejection', guard);

const podIP = process.argv[2] ?? '127.81.0.2';
const spec = (name: string, img: string, ip: string) => ({
  id: name,
  pod: { namespace: 'default', name, uid: name },
  name,
  image: img,
  env: [],
  hostname: name,
  podIP: ip,
  mounts: [],
});
const sinkOut = { stdout: () => undefined, stderr: () => undefined };
const neighbour = await runtime.startContainer(spec('neighbour', 'test/serve', podIP), sinkOut);
const crasher = await runtime.startContainer(spec('crasher', 'test/crash', '127.81.0.3'), sinkOut);
const exit = await crasher.exited;
const body = await new Promise<string>((resolve, reject) => {
  request(`http://${podIP}:8000/`, (res) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => resolve(text));
  })
    .on('error', reject)
    .end();
});
await neighbour.stop(0);
console.log(JSON.stringify({ exit, handled, neighbourAnswered: body }));
