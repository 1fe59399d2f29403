/**
 * Schema validation of built-in kinds with kubernetes-models' precompiled validators (the Kubernetes
 * OpenAPI schema, about 1.32), plus the API versions that Kubernetes removed but the package still has.
 */
import { isBuiltInGroup } from '../core/index.ts';
import { isRecord } from '../core/index.ts';
import { formatPath, getAt } from './path.ts';
import type { PathSegment, RawFinding } from './types.ts';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

const models = new Map<string, Promise<ModelClass | undefined>>();

/** apiVersion/kind pairs kubernetes-models still ships but no current API server serves. */
const REMOVED: Readonly<Record<string, { kinds: readonly string[]; removedIn: string; use: string }>> = {
  'extensions/v1beta1': {
    kinds: ['Ingress', 'Deployment', 'DaemonSet', 'ReplicaSet', 'NetworkPolicy', 'PodSecurityPolicy'],
    removedIn: '1.16/1.22',
    use: 'networking.k8s.io/v1 (Ingress, NetworkPolicy) or apps/v1',
  },
  'networking.k8s.io/v1beta1': {
    kinds: ['Ingress', 'IngressClass'],
    removedIn: '1.22',
    use: 'networking.k8s.io/v1',
  },
  'apps/v1beta1': {
    kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'],
    removedIn: '1.16',
    use: 'apps/v1',
  },
  'apps/v1beta2': {
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'],
    removedIn: '1.16',
    use: 'apps/v1',
  },
  'batch/v1beta1': { kinds: ['CronJob'], removedIn: '1.25', use: 'batch/v1' },
  'policy/v1beta1': {
    kinds: ['PodDisruptionBudget', 'PodSecurityPolicy'],
    removedIn: '1.25',
    use: 'policy/v1',
  },
};

export function isBuiltinGroup(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  // A kind unknown in a built-in group is a typo or a removed API, not a CRD.
  return isBuiltInGroup(slash < 0 ? '' : apiVersion.slice(0, slash));
}

function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}/${kind}`;
  let hit = models.get(key);
  if (!hit) {
    // Only plain names reach import(): an apiVersion like `../x` must not pick another module.
    const safe = /^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) && /^[A-Za-z0-9]+$/.test(kind);
    hit = safe
      ? import(`kubernetes-models/${apiVersion}/${kind}`).then(
          (mod: unknown) => {
            const cls = isRecord(mod) ? mod[kind] : undefined;
            return typeof cls === 'function' ? (cls as ModelClass) : undefined;
          },
          () => undefined, // ERR_PACKAGE_PATH_NOT_EXPORTED: not a kind the package knows (a CRD or a typo)
        )
      : Promise.resolve(undefined);
    models.set(key, hit);
  }
  return hit;
}

export type SchemaResult = { known: true; findings: RawFinding[] } | { known: false; findings: RawFinding[] };

/** Validates one object; `known: false` means there is no built-in schema for its apiVersion/kind. */
export async function validateSchema(
  value: Record<string, unknown>,
  apiVersion: string,
  kind: string,
): Promise<SchemaResult> {
  const removed = REMOVED[apiVersion];
  if (removed?.kinds.includes(kind)) {
    return {
      known: true,
      findings: [
        {
          check: 'no-kind-match',
          severity: 'error',
          path: ['apiVersion'],
          // kubectl: `resource mapping not found ... no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"`
          message: `no matches for kind "${kind}" in version "${apiVersion}" (removed in Kubernetes ${removed.removedIn})`,
          fix: `use apiVersion ${removed.use} and convert the fields that changed`,
        },
      ],
    };
  }
  const Model = await loadModel(apiVersion, kind);
  if (!Model) {
    if (!isBuiltinGroup(apiVersion)) return { known: false, findings: [] };
    return {
      known: false,
      findings: [
        {
          check: 'no-kind-match',
          severity: 'error',
          path: ['kind'],
          message: `no matches for kind "${kind}" in version "${apiVersion}"`,
          fix: 'check the spelling of kind and apiVersion (for example apps/v1 Deployment, v1 Service, networking.k8s.io/v1 Ingress)',
        },
      ],
    };
  }
  try {
    new Model(value).validate();
    return { known: true, findings: [] };
  } catch (e) {
    const errors = isRecord(e) && Array.isArray(e['errors']) ? (e['errors'] as unknown[]) : [];
    return { known: true, findings: ajvToFindings(errors.filter(isRecord), value) };
  }
}

const REQUIRED_DETAIL: Readonly<Record<string, string>> = { pathType: 'pathType must be specified' };

/** `/spec/rules/0/http` → `['spec','rules',0,'http']`, numbers only where the value is an array. */
function toPath(pointer: string, value: unknown): PathSegment[] {
  const out: PathSegment[] = [];
  let cur = value;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      out.push(Number(seg));
      cur = cur[Number(seg)] as unknown;
    } else {
      out.push(seg);
      cur = isRecord(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}

/** AJV errors → Kubernetes-style field errors (`Required value`, `Unsupported value`, `Invalid value`). */
function ajvToFindings(errors: Record<string, unknown>[], value: unknown): RawFinding[] {
  const oneOfAt = new Set(
    errors.filter((e) => e['keyword'] === 'oneOf').map((e) => String(e['instancePath'])),
  );
  const seen = new Set<string>();
  const out: RawFinding[] = [];
  for (const e of errors) {
    const pointer = typeof e['instancePath'] === 'string' ? e['instancePath'] : '';
    const keyword = String(e['keyword']);
    const params = isRecord(e['params']) ? e['params'] : {};
    // IntOrString is a oneOf of string and integer: one message instead of three.
    if (oneOfAt.has(pointer) && keyword === 'type') continue;
    let path = toPath(pointer, value);
    let message: string;
    let fix: string;
    const shown = JSON.stringify(getAt(value, path)) ?? 'null';
    if (keyword === 'required') {
      path = [...path, String(params['missingProperty'])];
      // Kubernetes adds a detail for some required fields (k8s: pkg/apis/networking/validation/validation.go).
      const detail = REQUIRED_DETAIL[String(params['missingProperty'])];
      message = `${formatPath(path)}: Required value${detail ? `: ${detail}` : ''}`;
      fix = `add ${String(params['missingProperty'])}`;
    } else if (keyword === 'enum') {
      const allowed = Array.isArray(params['allowedValues']) ? (params['allowedValues'] as unknown[]) : [];
      message = `${formatPath(path)}: Unsupported value: ${shown}: supported values: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
      fix = `use one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (keyword === 'oneOf') {
      message = `${formatPath(path)}: Invalid value: ${shown}: must be an integer or a string`;
      fix = 'use a number (8000) or a name/percent string ("http", "25%")';
    } else {
      message = `${formatPath(path)}: Invalid value: ${shown}: ${String(e['message'])}`;
      fix = `make ${formatPath(path)} ${String(e['message']).replace(/^must /, '')}`;
    }
    if (seen.has(message)) continue;
    seen.add(message);
    out.push({ check: 'schema', severity: 'error', path, message, fix });
  }
  return out;
}
