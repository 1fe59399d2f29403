/**
 * Built-in container images: what runs when a pod names an image kubelab ships. A manifest's
 * commands are interpreted here (a POSIX sh subset and busybox applets), never run on the host.
 */
import { busyboxImage } from './busybox/index.ts';
import { createImageRegistry } from './registry.ts';
import type { ImageRegistry } from './registry.ts';
import { createWebImage } from './kubelab-web/index.ts';
import type { WebFunctions } from './kubelab-web/index.ts';

export type {
  CatchableSignal,
  ContainerContext,
  ContainerFs,
  ContainerNetwork,
  DirEntry,
  FileInfo,
  FileKind,
  ImageImplementation,
  ProcessInfo,
  ProcessTable,
  ResolvedImage,
} from './types.ts';
export { ExecNotFoundError, execNotFoundMessage, FsError } from './errors.ts';
export { createImageRegistry, errImagePullMessage } from './registry.ts';
export type { BuiltinImage, ImageRegistry } from './registry.ts';
export { aliasMatches, parseImageAlias, parseImageRef } from './image-ref.ts';
export type { ImageAlias, ImageRef } from './image-ref.ts';
export { createContainerContext } from './context.ts';
export type { ContainerContextInput } from './context.ts';
export { createContainerFs } from './fs/container-fs.ts';
export type { ContainerFsConfig, Mount } from './fs/container-fs.ts';
export { hostsFile, resolvConf, rootFiles } from './fs/root-files.ts';
export type { RootFilesInput } from './fs/root-files.ts';
export { createProcessTable } from './process-table.ts';
export { createContainerNetwork, isLoopback } from './net.ts';
export type { ContainerNetworkConfig } from './net.ts';
export { busyboxImage } from './busybox/index.ts';
export { createWebImage } from './kubelab-web/index.ts';
export type { WebAccessLogEntry, WebFunctions } from './kubelab-web/index.ts';
export { containerArgv, createInProcessRuntime } from './runtime/in-process.ts';
export type {
  InProcessContainer,
  InProcessRuntime,
  InProcessRuntimeConfig,
  RuntimeAttachIO,
} from './runtime/in-process.ts';
export { Tty, ttyOf } from './tty/tty.ts';
export type { TtySignal } from './tty/tty.ts';

/** The registry of every built-in image; the composition root passes src/web's functions. */
export function builtinImages(web: WebFunctions): ImageRegistry {
  return createImageRegistry([createWebImage(web), busyboxImage()]);
}
