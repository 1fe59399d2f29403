/** `kubelab status`: is kubelab running, and does its API answer. */
import { Command } from '@commander-js/extra-typings';
import { apiHealth } from '../../cluster/index.ts';
import { dataDirPaths, defaultDataDir, runningPid } from '../../cluster/data-dir.ts';

export function statusCommand() {
  return new Command('status')
    .description('show whether kubelab is running and its API answers')
    .option('--data-dir <dir>', 'the data dir of the kubelab to check', defaultDataDir())
    .action(async (opts) => {
      const paths = dataDirPaths(opts.dataDir);
      const pid = runningPid(paths);
      if (pid === undefined) {
        process.stdout.write(`kubelab: Stopped (data dir ${paths.dir})\n`);
        process.exitCode = 3;
        return;
      }
      const health = await apiHealth(paths.dir);
      process.stdout.write(
        `kubelab: Running (pid ${pid})\napiserver: ${health.ok ? 'Running' : `Not answering (${health.detail})`}\n` +
          `  url: ${health.url}\nkubeconfig: ${paths.kubeconfig}\n`,
      );
      if (!health.ok) process.exitCode = 2;
    });
}
