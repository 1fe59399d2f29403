/** Image references as the container runtime normalises them, and `--image-alias` glob patterns. */

/** Docker Hub's host names, which the familiar form leaves out. */
const REGISTRY_PREFIX = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//;

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** Docker's familiar name without registry `docker.io/` and `library/` (e.g. `busybox`, `dmikos4/web`). */
  name: string;
  /** The tag, `latest` when none was given and there is no digest. */
  tag: string;
  digest?: string;
}

/** Splits `[registry/]name[:tag][@digest]` (distribution/reference's grammar, loosely). */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = digest ? '' : 'latest';
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const name = rest
    .toLowerCase()
    .replace(REGISTRY_PREFIX, '')
    .replace(/^library\//, '');
  return { raw, name, tag, digest };
}

/** The familiar form with its tag, e.g. `dmikos4/web:testimg`, which alias patterns match. */
export function familiar(ref: ImageRef): string {
  return ref.tag ? `${ref.name}:${ref.tag}` : ref.name;
}

export interface ImageAlias {
  /** Glob over the familiar `name:tag` (`*` any run of characters, `?` one). */
  pattern: string;
  /** A built-in image name. */
  target: string;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Whether an alias pattern matches an image reference (its familiar form, or the text as written). */
export function aliasMatches(pattern: string, ref: ImageRef): boolean {
  const p = pattern.trim();
  const normalised = p
    .toLowerCase()
    .replace(REGISTRY_PREFIX, '')
    .replace(/^library\//, '');
  // A pattern without a tag (`dmikos4/web`) means any tag of that name.
  const hasTag = p.slice(p.lastIndexOf('/') + 1).includes(':');
  if (!hasTag) return globToRegExp(normalised).test(ref.name);
  return globToRegExp(normalised).test(familiar(ref)) || globToRegExp(p).test(ref.raw);
}

/**
 * Parses `PATTERN=IMAGE` as given to `kubelab up --image-alias`; `builtins` are the allowed
 * targets. Throws with a one-line message when the text or the target is wrong.
 */
export function parseImageAlias(text: string, builtins: readonly string[]): ImageAlias {
  const eq = text.lastIndexOf('=');
  const pattern = eq < 0 ? '' : text.slice(0, eq).trim();
  const target = eq < 0 ? '' : parseImageRef(text.slice(eq + 1)).name;
  if (!pattern || !target)
    throw new Error(`--image-alias '${text}': expected PATTERN=IMAGE, e.g. 'dmikos4/web:*=kubelab/web'`);
  if (!builtins.includes(target)) {
    throw new Error(`--image-alias '${text}': "${target}" is not a built-in image (${builtins.join(', ')})`);
  }
  return { pattern, target };
}
