/** Human-readable rendering of findings, one block per finding (for `kubelab doctor`). */
import type { Finding, ObjectRef } from './types.ts';

export function formatObject(o: ObjectRef): string {
  return `${o.kind}${o.namespace !== undefined ? ` ${o.namespace}/` : ' '}${o.name ?? '?'}`;
}

/** `file:line: error Service default/web-svc spec.ports[0].targetPort: message` + an indented fix line. */
export function formatFinding(f: Finding): string {
  const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
  // Kubernetes-worded messages already start with the field path; do not print it twice.
  const field = f.field !== '' && !f.message.startsWith(f.field) ? f.field : undefined;
  const what = [f.object ? formatObject(f.object) : undefined, field].filter(Boolean).join(' ');
  return `${where}: ${f.severity} [${f.check}] ${what ? `${what}: ` : ''}${f.message}\n  fix: ${f.fix}`;
}
