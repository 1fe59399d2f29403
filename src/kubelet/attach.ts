/**
 * The kubelet's side of `kubectl attach` (k8s: pkg/kubelet/kubelet_pods.go GetAttach, CRI Attach):
 * the running container's main process, its output from now on and its stdin when the container
 * has `stdin: true`, through the runtime's attach. A runtime without attach gets the output only,
 * read from the container's log (both streams as stdout, each line once complete).
 */
import { ApiError } from '../core/index.ts';
import type { Slot } from './slots.ts';

export interface AttachStdio {
  stdin?: AsyncIterable<Buffer>;
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  tty: boolean;
}

/** Resolves to 0 when pid 1 has exited or the client left: attach ends with Success (ServeAttach). */
export async function attachContainer(
  slot: Slot | undefined,
  container: string,
  stdio: AttachStdio,
  signal: AbortSignal,
): Promise<number> {
  const cur = slot?.current;
  const handle = cur?.running ? cur.handle : undefined;
  if (!cur || !handle)
    throw new ApiError('BAD_REQUEST', `unable to upgrade connection: container not found ("${container}")`);
  // kubectl sends stdin only for a container with `stdin: true` (attach.go); check it here as well
  const stdin = slot?.spec.stdin === true ? stdio.stdin : undefined;
  if (handle.attach) {
    await handle.attach({
      ...(stdin ? { stdin } : {}),
      tty: stdio.tty && slot?.spec.tty === true,
      signal,
      stdout: (c) => stdio.stdout(c),
      stderr: (c) => stdio.stderr(c),
    });
    return 0;
  }
  if (stdin) {
    throw new ApiError(
      'BAD_REQUEST',
      `kubelab's container runtime cannot attach to the stdin of container "${container}": attach without -i/--stdin (output only), or use kubectl exec -i`,
    );
  }
  for await (const text of cur.logs.read({ follow: true, timestamps: false, tailLines: 0 }, signal))
    stdio.stdout(Buffer.from(text));
  return 0;
}
