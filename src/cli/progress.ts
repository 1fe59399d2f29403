/** Runs start-up steps with a live task list on a terminal (listr2) and plain lines elsewhere. */
import { Listr } from 'listr2';

export interface Step {
  title: string;
  run(): Promise<void>;
}

export async function runSteps(steps: Step[], out: NodeJS.WriteStream = process.stderr): Promise<void> {
  if (out.isTTY && !process.env.CI) {
    await new Listr(
      steps.map((s) => ({ title: s.title, task: () => s.run() })),
      { concurrent: false, exitOnError: true, rendererOptions: { collapseErrors: false } },
    ).run();
    return;
  }
  for (const step of steps) {
    const started = Date.now();
    out.write(`${step.title} ...\n`);
    await step.run();
    out.write(`${step.title}: done (${Date.now() - started} ms)\n`);
  }
}
