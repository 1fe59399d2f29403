/** kubelab's command line. Commands are added by the components as they land. */
console.error('kubelab: no commands yet');
process.exitCode = 1;
