/** ObjectMeta validation (k8s: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go, v1/validation.go). */
import type { FieldError } from '../../core/index.ts';
import { child, forbidden, invalid, required, tooLong } from './field-errors.ts';
import type { NameFn } from './names.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue } from './names.ts';
import type { Rec } from './util.ts';
import { rec, str } from './util.ts';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rec(labels))) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    for (const m of isValidLabelValue(str(v))) errs.push(invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(rec(annotations))) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += k.length + str(v).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateObjectMeta; the API server has filled namespace (or removed it for cluster-scoped kinds) before this. */
export function validateObjectMeta(meta: Rec, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = str(meta.generateName);
  if (generateName)
    for (const m of nameFn(generateName, true))
      errs.push(invalid(child(path, 'generateName'), generateName, m));
  const name = str(meta.name);
  if (!name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const m of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, m));
  const ns = str(meta.namespace);
  if (ns) for (const m of isDNS1123Label(ns)) errs.push(invalid(child(path, 'namespace'), ns, m));
  if (typeof meta.generation === 'number' && meta.generation < 0)
    errs.push(invalid(child(path, 'generation'), meta.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  const finalizers = Array.isArray(meta.finalizers) ? meta.finalizers : [];
  for (const f of finalizers) {
    const s = str(f);
    for (const m of isQualifiedName(s)) errs.push(invalid(child(path, 'finalizers'), s, m));
  }
  return errs;
}

/** ValidateObjectMetaUpdate: identity fields never change. */
export function validateObjectMetaUpdate(meta: Rec, old: Rec, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp']) {
    if (old[f] !== undefined && meta[f] !== undefined && meta[f] !== old[f])
      errs.push(invalid(child(path, f), meta[f], 'field is immutable'));
  }
  if (Array.isArray(meta.finalizers) && meta.deletionTimestamp && old.deletionTimestamp) {
    const before = new Set((old.finalizers as unknown[] | undefined)?.map(str) ?? []);
    for (const f of meta.finalizers.map(str))
      if (!before.has(f))
        errs.push(
          forbidden(
            child(path, 'finalizers'),
            `no new finalizers can be added if the object is being deleted, found new finalizers []string{${JSON.stringify(f)}}`,
          ),
        );
  }
  return errs;
}
