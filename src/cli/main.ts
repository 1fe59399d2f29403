/** kubelab's command line: one file per command under commands/. */
import { Command } from '@commander-js/extra-typings';
import { doctorCommand } from './commands/doctor.ts';
import { downCommand } from './commands/down.ts';
import { statusCommand } from './commands/status.ts';
import { upCommand } from './commands/up.ts';
import { webCommand } from './commands/web.ts';

const program = new Command('kubelab')
  .description('A Kubernetes networking lab on one machine: the real kubectl, pods on loopback IPs.')
  .showHelpAfterError()
  .addCommand(upCommand())
  .addCommand(downCommand())
  .addCommand(statusCommand())
  .addCommand(webCommand())
  .addCommand(doctorCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  // One line saying what went wrong; the command that failed says what to do.
  console.error(`kubelab: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
