/** `kubelab down`: stop a running kubelab cleanly; its objects stay in the data dir for the next `up`. */
import { Command } from '@commander-js/extra-typings';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataDirPaths, defaultDataDir, runningPid } from '../../cluster/data-dir.ts';

const STOP_TIMEOUT_MS = 30_000;

export function downCommand() {
  return new Command('down')
    .description('stop kubelab; every object is kept for the next "kubelab up"')
    .option('--data-dir <dir>', 'the data dir of the kubelab to stop', defaultDataDir())
    .action(async (opts) => {
      const paths = dataDirPaths(opts.dataDir);
      const pid = runningPid(paths);
      if (pid === undefined) {
        process.stdout.write(`kubelab is not running (data dir ${paths.dir})\n`);
        return;
      }
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (runningPid(paths) === pid) {
        if (Date.now() > deadline) {
          throw new Error(
            `kubelab (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000}s; kill it with "kill -9 ${pid}"`,
          );
        }
        await sleep(100);
      }
      process.stdout.write(`kubelab stopped (pid ${pid})\n`);
    });
}
