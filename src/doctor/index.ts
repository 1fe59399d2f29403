/**
 * The manifest checks (the heart of `kubelab doctor`): YAML syntax, schema validation, strict unknown
 * fields and cross-reference checks that catch the lab's mistakes. See README.md.
 */
export { checkManifests } from './check.ts';
export { loadManifestFiles } from './load.ts';
export { formatFinding, formatObject } from './format.ts';
export type { CheckId, Finding, ManifestFile, ObjectRef, Severity } from './types.ts';
