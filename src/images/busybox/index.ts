/** The `busybox` image (any tag): the shell and applets; CMD `sh`, so with no stdin it exits at once. */
import { BUSYBOX_APPLETS } from '../applets/index.ts';
import { createImage, DEFAULT_PATH } from '../image.ts';
import type { BuiltinImage } from '../registry.ts';

export function busyboxImage(): BuiltinImage {
  return {
    implementation: createImage('busybox', BUSYBOX_APPLETS),
    entrypoint: [],
    defaultArgs: ['sh'],
    defaultEnv: { PATH: DEFAULT_PATH },
  };
}
