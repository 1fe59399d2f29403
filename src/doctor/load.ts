/** Reading manifest files and directories the way `kubectl apply -f DIR -R` picks files. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestFile } from './types.ts';

/** kubectl reads these extensions in a directory (k8s.io/cli-runtime resource.FileExtensions). */
const EXTENSIONS = /\.(ya?ml|json)$/;
/** kustomize input, not API objects (an extension-less `Kustomization` is skipped by EXTENSIONS). */
const KUSTOMIZATION = /^kustomization\.ya?ml$/;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (EXTENSIONS.test(e.name) && !KUSTOMIZATION.test(e.name)) out.push(p);
  }
  return out;
}

/** Files are taken as given; directories are walked recursively for .yaml/.yml/.json files. */
export async function loadManifestFiles(paths: readonly string[]): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  for (const p of paths) {
    const files = (await stat(p)).isDirectory() ? await walk(p) : [p];
    for (const f of files) out.push({ path: f, text: await readFile(f, 'utf8') });
  }
  return out;
}
