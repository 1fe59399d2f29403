/** What a data dir was started with (address plan, transport), kept so `up` again resumes the same cluster. */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { DEFAULT_ADDRESS_PLAN, validateAddressPlan, type AddressPlan } from '../core/index.ts';

export interface Settings {
  plan: AddressPlan;
  plainHttp: boolean;
  /** `PATTERN=IMAGE` image aliases, kept so `up` again runs the same pods. */
  imageAliases: string[];
}

/** The stored settings, overridden by what this `up` was given, validated. */
export async function resolveSettings(
  path: string,
  given: { plan: Partial<AddressPlan>; plainHttp: boolean; imageAliases?: string[] },
): Promise<Settings> {
  let stored: Partial<Settings> = {};
  if (existsSync(path)) stored = JSON.parse(await readFile(path, 'utf8')) as Partial<Settings>;
  const plan = validateAddressPlan({ ...DEFAULT_ADDRESS_PLAN, ...stored.plan, ...given.plan });
  return { plan, plainHttp: given.plainHttp, imageAliases: given.imageAliases ?? stored.imageAliases ?? [] };
}

/** Written atomically: `kubelab up --detach` reads it while the background process writes it. */
export async function saveSettings(path: string, settings: Settings): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(settings, null, 2) + '\n');
  await rename(tmp, path);
}

export async function loadSettings(path: string): Promise<Settings | undefined> {
  if (!existsSync(path)) return undefined;
  return JSON.parse(await readFile(path, 'utf8')) as Settings;
}

export function apiUrl(settings: Settings): string {
  return `${settings.plainHttp ? 'http' : 'https'}://${settings.plan.apiHost}:${settings.plan.apiPort}`;
}
