/**
 * The kubelet's side of `kubectl attach` (k8s: pkg/kubelet/kubelet_pods.go GetAttach, CRI Attach): the
 * output the container's main process writes from now on, until it exits. Output is taken from the
 * container's log (the only tap the kubelet has), so stdout and stderr both arrive as stdout and a
 * line shows once it is complete; stdin cannot be attached, as the runtime gives no handle on pid 1's.
 */
import { ApiError } from '../core/index.ts';
import type { Slot } from './slots.ts';

export interface AttachStdio {
  stdin?: AsyncIterable<Buffer>;
  stdout(chunk: Buffer): void;
}

export async function attachContainer(
  slot: Slot | undefined,
  container: string,
  stdio: AttachStdio,
  signal: AbortSignal,
): Promise<number> {
  const cur = slot?.current;
  if (!cur?.running)
    throw new ApiError('BAD_REQUEST', `unable to upgrade connection: container not found ("${container}")`);
  if (stdio.stdin) {
    // RuntimeContainer has no stdin of pid 1 (src/kubelet/runtime.ts); saying so beats a silent hang
    throw new ApiError(
      'BAD_REQUEST',
      `kubelab cannot attach to the stdin of container "${container}" yet: attach without -i/--stdin (output only), or use kubectl exec -i`,
    );
  }
  for await (const text of cur.logs.read({ follow: true, timestamps: false, tailLines: 0 }, signal))
    stdio.stdout(Buffer.from(text));
  // attach ends with Success whatever the exit code (kubelet's ServeAttach); kubectl run reads the code from the pod
  return 0;
}
