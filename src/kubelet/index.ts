/**
 * kubelab's kubelet: runs the pods bound to the one node through a ContainerRuntime, gives them pod
 * IPs on loopback, probes them, writes their status and serves their logs and exec to the API server.
 */
export { startKubelet } from './kubelet.ts';
export type { Kubelet } from './kubelet.ts';
export { KubeletConfigError } from './config.ts';
export type { KubeletConfig } from './config.ts';
export type { KubeletLogger } from './deps.ts';
export { createPodHooks, lazyPodHooks } from './hooks.ts';
export type { KubeletPodHooks, PodExecStdio, PodLogOptions } from './hooks.ts';
export { ContainerStartError } from './runtime.ts';
export type {
  ContainerExit,
  ContainerRuntime,
  ContainerSpec,
  ExecIO,
  ImagePullResult,
  Mount,
  OutputSink,
  RuntimeContainer,
} from './runtime.ts';
