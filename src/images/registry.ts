/** The built-in images by name, image aliases, and the ErrImagePull message for everything else. */
import { aliasMatches, parseImageRef } from './image-ref.ts';
import type { ImageAlias } from './image-ref.ts';
import type { ImageImplementation, ResolvedImage } from './types.ts';

/** One built-in image with its image config (ENTRYPOINT, CMD, ENV). */
export interface BuiltinImage {
  implementation: ImageImplementation;
  entrypoint: readonly string[];
  defaultArgs: readonly string[];
  defaultEnv: Readonly<Record<string, string>>;
  /** The image's WORKDIR; `/` when unset. A container's `workingDir` replaces it. */
  workingDir?: string;
}

export interface ImageRegistry {
  /** Canonical names, e.g. ['kubelab/web', 'busybox']. */
  readonly names: readonly string[];
  /** What a pod's `image` runs: aliases first (first match wins), then the built-in names, any tag. */
  resolveImage(imageRef: string, aliases?: readonly ImageAlias[]): ResolvedImage;
}

/** The one-line message of ErrImagePull/ImagePullBackOff for an image kubelab does not have. */
export function errImagePullMessage(imageRef: string, names: readonly string[]): string {
  const suggestion = `${parseImageRef(imageRef).name}:*=${names[0] ?? 'kubelab/web'}`;
  return (
    `kubelab cannot pull "${imageRef}": kubelab runs only its built-in images (${names.join(', ')}); ` +
    `map another name to one with kubelab up --image-alias '${suggestion}'`
  );
}

export function createImageRegistry(images: readonly BuiltinImage[]): ImageRegistry {
  const byName = new Map(images.map((i) => [i.implementation.name, i]));
  const names = [...byName.keys()];
  const resolved = (image: BuiltinImage, alias?: string): ResolvedImage => ({
    implementation: image.implementation,
    entrypoint: image.entrypoint,
    defaultArgs: image.defaultArgs,
    defaultEnv: image.defaultEnv,
    ...(image.workingDir === undefined ? {} : { workingDir: image.workingDir }),
    ...(alias === undefined ? {} : { alias }),
  });
  return {
    names,
    resolveImage(imageRef, aliases = []) {
      const ref = parseImageRef(imageRef);
      for (const a of aliases) {
        const target = byName.get(parseImageRef(a.target).name);
        if (target && aliasMatches(a.pattern, ref)) return resolved(target, a.pattern);
      }
      const direct = byName.get(ref.name);
      if (direct) return resolved(direct);
      return { error: errImagePullMessage(imageRef, names) };
    },
  };
}
