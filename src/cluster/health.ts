/** Asks a data dir's API server whether it is ready, the way `kubectl get --raw /readyz` would. */
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataDirPaths } from './data-dir.ts';
import { apiUrl, loadSettings } from './settings.ts';

export interface Health {
  ok: boolean;
  url: string;
  detail: string;
}

export async function apiHealth(dataDir: string): Promise<Health> {
  const paths = dataDirPaths(dataDir);
  const settings = await loadSettings(paths.settings);
  if (!settings) return { ok: false, url: '', detail: `no ${paths.settings} yet` };
  const url = apiUrl(settings);
  const caPath = `${paths.pki}/ca.crt`;
  const tokenPath = `${paths.pki}/token`;
  const ca = existsSync(caPath) ? readFileSync(caPath, 'utf8') : undefined;
  const token = existsSync(tokenPath) ? readFileSync(tokenPath, 'utf8').trim() : undefined;
  return new Promise((resolve) => {
    const request = settings.plainHttp ? httpRequest : httpsRequest;
    const req = request(
      `${url}/readyz`,
      {
        ca,
        headers: token && !settings.plainHttp ? { authorization: `Bearer ${token}` } : {},
        timeout: 2000,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({ ok: res.statusCode === 200, url, detail: `HTTP ${res.statusCode}: ${body.trim()}` }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ ok: false, url, detail: err.message }));
    req.end();
  });
}

/** Polls /readyz until it answers 200; throws after `timeoutMs` or when `abort()` says so. */
export async function waitForApi(
  dataDir: string,
  timeoutMs: number,
  abort: () => boolean = () => false,
): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last: Health = { ok: false, url: '', detail: 'not asked yet' };
  while (Date.now() < deadline) {
    if (abort()) throw new Error(`gave up: ${last.detail}`);
    last = await apiHealth(dataDir);
    if (last.ok) return last;
    await sleep(100);
  }
  throw new Error(`the API did not become ready within ${timeoutMs / 1000}s (${last.detail})`);
}
