/**
 * Column definitions and the cell formatters shared by every kind: labels, label selectors and
 * container lists, as kubernetes/kubernetes pkg/printers/internalversion/printers.go and
 * k8s.io/apimachinery (labels.FormatLabels, metav1.FormatLabelSelector) print them.
 */
import type { TableColumnDefinition } from './types.ts';
import { arr, get, rec, recs, str } from './fields.ts';

/** metav1.ObjectMeta{}.SwaggerDoc() texts the apiserver uses for the Name and Age columns. */
export const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const CREATION_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function col(
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameCol = (): TableColumnDefinition => col('Name', 'string', NAME_DOC, 0, 'name');
export const ageCol = (): TableColumnDefinition => col('Age', 'string', CREATION_DOC);

/** The wide Containers / Images (/ Selector) columns of the workload kinds. */
export const containersCol = (): TableColumnDefinition =>
  col('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesCol = (): TableColumnDefinition =>
  col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** layoutContainerCells: names and images of a pod template's containers, comma-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = recs(get(podSpec, 'containers'));
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

/** labels.FormatLabels: `k=v` sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(rec(labels))
    .map(([k, v]) => [k, typeof v === 'string' ? v : String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const s = entries.map(([k, v]) => `${k}=${v}`).join(',');
  return s === '' ? '<none>' : s;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; '' for a nil or empty
 * selector; undefined when the selector is invalid (unknown operator).
 */
export function labelSelectorString(selector: unknown): string | undefined {
  if (selector === undefined || selector === null) return '';
  const reqs: [string, string][] = [];
  for (const [k, v] of Object.entries(rec(get(selector, 'matchLabels')))) reqs.push([k, `${k}=${str(v)}`]);
  for (const e of recs(get(selector, 'matchExpressions'))) {
    const key = str(e.key);
    const values = arr(e.values).map(str).sort(byString);
    switch (str(e.operator)) {
      case 'In':
        reqs.push([key, `${key} in (${values.join(',')})`]);
        break;
      case 'NotIn':
        reqs.push([key, `${key} notin (${values.join(',')})`]);
        break;
      case 'Exists':
        reqs.push([key, key]);
        break;
      case 'DoesNotExist':
        reqs.push([key, `!${key}`]);
        break;
      default:
        return undefined;
    }
  }
  // internalSelector sorts by key with a stable sort, so equal keys keep their order.
  return reqs
    .sort(([a], [b]) => byString(a, b))
    .map(([, s]) => s)
    .join(',');
}

/** metav1.FormatLabelSelector: like labelSelectorString but `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}
