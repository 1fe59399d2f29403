/**
 * End-to-end CLI latency with the real kubectl: each run is a fresh process (startup, kubeconfig, discovery
 * cache, TLS handshake, request), against `kubectl version --client` (the same startup with no API call).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentYaml } from './api-cases.ts';
import { measure, type Summary } from './stats.ts';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlFigure {
  name: string;
  summary: Summary;
}

function kubectl(kubeconfig: string, home: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      KUBECTL,
      [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(home, 'cache')}`, ...args],
      // HOME too: kubectl must not read or write the user's ~/.kube.
      { env: { ...process.env, HOME: home }, timeout: 60_000 },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`kubectl ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(),
    );
  });
}

export async function kubectlRuns(kubeconfig: string, home: string, runs: number): Promise<KubectlFigure[]> {
  const k = (args: string[]) => kubectl(kubeconfig, home, args);
  const manifest = join(home, 'web.yaml');
  // One untimed call fills the discovery cache, as on any machine that has used kubectl before.
  await k(['api-resources', '-o', 'name']);
  const figures: KubectlFigure[] = [];
  const add = async (name: string, op: (i: number) => Promise<void>) =>
    figures.push({ name, summary: await measure(runs, 1, op) });
  await add('kubectl version --client (no API call)', () => k(['version', '--client']));
  await add('kubectl get cm bench-get', () => k(['get', 'cm', 'bench-get', '-n', 'bench']));
  await add('kubectl apply -f web.yaml', (i) => {
    writeFileSync(manifest, deploymentYaml('web-kubectl', i));
    return k(['apply', '-n', 'bench', '-f', manifest]);
  });
  await add('kubectl apply --server-side -f web.yaml', (i) => {
    writeFileSync(manifest, deploymentYaml('web-kubectl-ssa', i));
    return k(['apply', '--server-side', '-n', 'bench', '-f', manifest]);
  });
  return figures;
}
