/** Assembles a ContainerContext for the kubelet: filesystem view, process table and network of one container. */
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../core/index.ts';
import { createContainerFs } from './fs/container-fs.ts';
import type { Mount } from './fs/container-fs.ts';
import { rootFiles } from './fs/root-files.ts';
import { createContainerNetwork } from './net.ts';
import { createProcessTable } from './process-table.ts';
import type { ContainerContext, ImageImplementation } from './types.ts';

export interface ContainerContextInput {
  image: ImageImplementation;
  hostname: string;
  podIP: string;
  pod?: { name: string; namespace: string; nodeName?: string };
  env: Readonly<Record<string, string>>;
  mounts?: readonly Mount[];
  workingDir?: string;
  /** kube-dns's ClusterIP for /etc/resolv.conf; unset until the DNS component exists. */
  nameserver?: string;
  clusterDomain?: string;
  hostAliases?: readonly { ip: string; hostnames: readonly string[] }[];
  /** Name resolution for wget/curl/nslookup (the DNS component's). */
  resolve?: (name: string) => Promise<string[]>;
  stdin?: Readable;
  stdout: Writable;
  stderr: Writable;
  signal: AbortSignal;
  clock?: Clock;
}

export function createContainerContext(input: ContainerContextInput): ContainerContext {
  const now = () => input.clock?.now() ?? new Date();
  return {
    env: input.env,
    hostname: input.hostname,
    podIP: input.podIP,
    pod: input.pod,
    workingDir: input.workingDir,
    fs: createContainerFs({
      mounts: input.mounts,
      files: rootFiles({
        hostname: input.hostname,
        podIP: input.podIP,
        nameserver: input.nameserver,
        namespace: input.pod?.namespace,
        clusterDomain: input.clusterDomain,
        hostAliases: input.hostAliases,
      }),
      executables: input.image.executables,
      now,
    }),
    processes: createProcessTable(now),
    net: createContainerNetwork({ podIP: input.podIP, hostname: input.hostname, resolve: input.resolve }),
    stdin: input.stdin,
    stdout: input.stdout,
    stderr: input.stderr,
    signal: input.signal,
    clock: input.clock,
  };
}
