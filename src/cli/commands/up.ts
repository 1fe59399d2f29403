/** `kubelab up`: start the local control plane (and, unless --bare, the lab) in the foreground or detached. */
import { Command, Option } from '@commander-js/extra-typings';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { startCluster, waitForApi, type ClusterOptions } from '../../cluster/index.ts';
import { dataDirPaths, defaultDataDir, runningPid } from '../../cluster/data-dir.ts';
import { runSteps } from '../progress.ts';

const DETACH_READY_TIMEOUT_MS = 120_000;

export function upCommand() {
  return new Command('up')
    .description('start kubelab: an API server the real kubectl talks to (and the lab, unless --bare)')
    .option('--data-dir <dir>', 'where the store, certificates, kubeconfig and log live', defaultDataDir())
    .option('--detach', 'start in the background and return once the API answers')
    .option('--bare', 'an empty cluster: do not apply the lab')
    .option('--no-kubeconfig', 'do not merge a "kubelab" context into $KUBECONFIG or ~/.kube/config')
    .option('--plain-http', 'serve the API over plain HTTP without a token (for debugging only)')
    .option('--api-host <ip>', 'the API server address (loopback)')
    .addOption(new Option('--api-port <port>', 'the API server port').argParser(Number))
    .option('--node-ip <ip>', 'the node address (loopback)')
    .option('--pod-cidr <cidr>', 'the pod range (inside 127.0.0.0/8)')
    .option('--service-cidr <cidr>', 'the Service ClusterIP range (inside 127.0.0.0/8)')
    .addOption(
      new Option(
        '--image-alias <alias>',
        "PATTERN=IMAGE: run another image name on a built-in image, e.g. 'dmikos4/web:*=kubelab/web' (repeatable; kept in the data dir)",
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .addOption(
      new Option('--store <driver>', 'the store driver')
        .choices(['lmdb', 'memory'] as const)
        .default('lmdb' as const),
    )
    .action(async (opts) => {
      const paths = dataDirPaths(opts.dataDir);
      const pid = runningPid(paths);
      if (pid !== undefined) {
        throw new Error(
          `kubelab is already running (pid ${pid}) with data dir ${paths.dir}; run "kubelab down" first`,
        );
      }
      const options: ClusterOptions = {
        dataDir: paths.dir,
        plan: {
          ...(opts.apiHost ? { apiHost: opts.apiHost } : {}),
          ...(opts.apiPort !== undefined ? { apiPort: opts.apiPort } : {}),
          ...(opts.nodeIp ? { nodeIP: opts.nodeIp } : {}),
          ...(opts.podCidr ? { podCIDR: opts.podCidr } : {}),
          ...(opts.serviceCidr ? { serviceCIDR: opts.serviceCidr } : {}),
        },
        store: opts.store,
        plainHttp: opts.plainHttp ?? false,
        bare: opts.bare ?? false,
        mergeKubeconfig: opts.kubeconfig,
        ...(opts.imageAlias ? { imageAliases: opts.imageAlias } : {}),
        // On a terminal the progress display is the output; component logs go to DIR/kubelab.log when detached.
        ...(process.stderr.isTTY && !opts.detach ? { logLevel: 'warn' } : {}),
      };
      if (opts.detach) {
        await detach(paths);
        return;
      }
      await runForeground(options);
    });
}

async function runForeground(options: ClusterOptions): Promise<void> {
  const { steps, cluster } = startCluster(options);
  await runSteps(steps);
  const running = cluster();
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: stopping kubelab ...\n`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`kubelab: stopping failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.stdout.write(running.summary());
}

/** Re-runs this command without --detach as a background process writing DIR/kubelab.log. */
async function detach(paths: ReturnType<typeof dataDirPaths>): Promise<void> {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const log = openSync(paths.log, 'a');
  const args = process.argv.slice(1).filter((a) => a !== '--detach');
  const child = spawn(process.execPath, [...process.execArgv, ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, CI: '1' },
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  try {
    await waitForApi(paths.dir, DETACH_READY_TIMEOUT_MS, () => exited !== undefined);
  } catch (err) {
    const why = exited !== undefined ? `it exited with code ${exited}` : (err as Error).message;
    throw new Error(`kubelab did not come up (${why}); see ${paths.log}`);
  }
  process.stdout.write(
    `kubelab is up (pid ${child.pid}).\n  export KUBECONFIG=${paths.kubeconfig}\n  kubectl get nodes\nStop it with: kubelab down --data-dir ${paths.dir}\n`,
  );
}
