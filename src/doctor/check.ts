/** checkManifests: every check over a set of manifest files, as findings sorted by file and line. */
import { checkCanaries, checkIngressBackends, checkIngressClasses } from './checks/ingress.ts';
import { checkIndentation } from './checks/indentation.ts';
import { checkMetalLB } from './checks/metallb.ts';
import { checkProbes } from './checks/probes.ts';
import { checkRollouts, checkWorkloadSelectors } from './checks/deployments.ts';
import { checkServices } from './checks/services.ts';
import type { FieldTree } from './field-tree.ts';
import { builtinTree, customResourceTree, METALLB_SCHEMAS } from './field-tree.ts';
import { parseManifests } from './parse.ts';
import { asArray, asRecord, asString, formatPath, lineOf } from './path.ts';
import { validateSchema } from './schema.ts';
import { explainV1beta1Backend, unknownFields } from './strict.ts';
import type { Finding, Located, ManifestFile, ManifestObject } from './types.ts';
import { podTemplates } from './workloads.ts';

/** Namespaced objects carry their namespace; these cluster-scoped kinds do not. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

/** openAPIV3Schema of each custom kind defined by a CRD in the set, by `group/version/Kind`. */
function crdSchemas(objects: readonly ManifestObject[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = asRecord(o.value['spec']);
    const kind = asString(asRecord(spec['names'])['kind']);
    const group = asString(spec['group']);
    for (const v of asArray(spec['versions']).map(asRecord)) {
      const schema = asRecord(v['schema'])['openAPIV3Schema'];
      const version = asString(v['name']);
      if (kind && group && version && schema !== undefined) out.set(`${group}/${version}/${kind}`, schema);
    }
  }
  return out;
}

async function fieldTreeFor(
  obj: ManifestObject,
  builtin: boolean,
  crds: Map<string, unknown>,
): Promise<FieldTree | undefined> {
  if (builtin) return builtinTree(obj.apiVersion, obj.kind);
  const key = `${obj.apiVersion}/${obj.kind}`;
  const schema = crds.get(key) ?? METALLB_SCHEMAS[key];
  return schema === undefined ? undefined : customResourceTree(schema);
}

/** Schema, strict fields and the indentation mistake for one object. */
async function checkObject(obj: ManifestObject, crds: Map<string, unknown>): Promise<Located[]> {
  if (obj.unindented) return checkIndentation(obj);
  const schema = await validateSchema(obj.value, obj.apiVersion, obj.kind);
  const out: Located[] = schema.findings.map((finding) => ({ obj, finding }));
  if (out.some((l) => l.finding.check === 'no-kind-match')) return out;
  const tree = await fieldTreeFor(obj, schema.known, crds);
  if (tree) {
    for (const f of unknownFields(obj.value, tree)) {
      out.push({ obj, finding: explainV1beta1Backend(f, obj.value, obj.apiVersion) });
    }
  }
  return out;
}

/**
 * Runs every check over the files as one set (cross-references resolve within the set).
 * Never throws for bad input: every problem is a Finding.
 */
export async function checkManifests(files: readonly ManifestFile[]): Promise<Finding[]> {
  const { objects, findings } = parseManifests(files);
  const crds = crdSchemas(objects);
  const located: Located[] = [];
  for (const obj of objects) located.push(...(await checkObject(obj, crds)));
  const templates = podTemplates(objects);
  located.push(
    ...checkProbes(templates),
    ...checkWorkloadSelectors(templates),
    ...checkRollouts(objects),
    ...checkServices(objects, templates),
    ...checkIngressBackends(objects),
    ...checkIngressClasses(objects),
    ...checkCanaries(objects),
    ...checkMetalLB(objects),
  );
  for (const { obj, finding } of located) {
    const line = lineOf(obj, finding.path);
    findings.push({
      check: finding.check,
      severity: finding.severity,
      file: obj.file,
      ...(line === undefined ? {} : { line }),
      object: {
        kind: obj.kind,
        ...(CLUSTER_SCOPED.has(obj.kind) ? {} : { namespace: obj.namespace }),
        ...(obj.name === undefined ? {} : { name: obj.name }),
      },
      field: formatPath(finding.path),
      message: finding.message,
      fix: finding.fix,
    });
  }
  const order = new Map(files.map((f, i) => [f.path, i]));
  return findings.sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || (a.line ?? 0) - (b.line ?? 0),
  );
}
