/** Errors of the images component, with the texts a real container runtime and libc print. */

/**
 * The runtime's text when a container's command is not in the image: runc reports Go's exec.LookPath
 * error, `exec: "foo": executable file not found in $PATH` (golang/go src/os/exec/exec.go, lp_unix.go).
 */
export function execNotFoundMessage(command: string): string {
  return `exec: ${JSON.stringify(command)}: executable file not found in $PATH`;
}

/** Thrown by ImageImplementation.run when argv[0] is not an executable of the image. */
export class ExecNotFoundError extends Error {
  readonly code = 'EXEC_NOT_FOUND';
  constructor(readonly command: string) {
    super(execNotFoundMessage(command));
    this.name = 'ExecNotFoundError';
  }
}

/** The errno codes ContainerFs uses, with glibc/musl's strerror text. */
const STRERROR = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  ELOOP: 'Symbolic link loop',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EBUSY: 'Resource busy',
  EINVAL: 'Invalid argument',
  ENETUNREACH: 'Network is unreachable',
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  ECONNRESET: 'Connection reset by peer',
} as const;

export type Errno = keyof typeof STRERROR;

export function strerror(code: string): string {
  return code in STRERROR ? STRERROR[code as Errno] : code;
}

/** A filesystem or network failure inside a container, carrying its errno code. */
export class FsError extends Error {
  constructor(
    readonly code: Errno,
    readonly path: string,
  ) {
    super(`${path}: ${STRERROR[code]}`);
    this.name = 'FsError';
  }
}

/** The errno text of any error (node's system errors included), for applet messages. */
export function errorText(err: unknown): string {
  if (err instanceof FsError) return strerror(err.code);
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code in STRERROR) return strerror(code);
  return err instanceof Error ? err.message : String(err);
}
