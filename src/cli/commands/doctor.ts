/** `kubelab doctor FILE|DIR…`: the lab's classic mistakes in manifests, each with what is wrong and how to fix it. */
import { Command } from '@commander-js/extra-typings';
import { checkManifests, formatFinding, loadManifestFiles } from '../../doctor/index.ts';

export function doctorCommand() {
  return new Command('doctor')
    .description(
      'check manifests for the lab’s classic mistakes (schema, unknown fields, probe ports, selectors, …)',
    )
    .argument('<paths...>', 'manifest files or directories (read like kubectl apply -f DIR -R)')
    .action(async (paths) => {
      const files = await loadManifestFiles(paths);
      if (files.length === 0) throw new Error(`no .yaml, .yml or .json files in ${paths.join(', ')}`);
      const findings = await checkManifests(files);
      for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
      const errors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.length - errors;
      process.stdout.write(
        findings.length === 0
          ? `${files.length} file(s) checked: no problems found\n`
          : `${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`,
      );
      if (errors > 0) process.exitCode = 1;
    });
}
