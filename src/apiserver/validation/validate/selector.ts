/**
 * metav1.LabelSelector: validation (k8s: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
 * ValidateLabelSelector), matching (labels.Selector) and kube's Go rendering of it in error values.
 */
import type { FieldError } from '../../../core/index.ts';
import { GoText, child, forbidden, index, invalid, quote, required } from '../field-errors.ts';
import { validateLabels } from '../metadata.ts';
import { isQualifiedName, isValidLabelValue } from '../names.ts';
import type { Rec } from '../util.ts';
import { arr, rec, recs, str, strMap } from '../util.ts';

export function validateLabelSelector(selector: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(selector.matchExpressions).forEach((req, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = arr(req.values);
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            forbidden(
              child(p, 'values'),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errs.push(invalid(child(p, 'operator'), req.operator ?? '', 'not a valid selector operator'));
    }
    const key = str(req.key);
    for (const m of isQualifiedName(key)) errs.push(invalid(child(p, 'key'), key, m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(invalid(index(child(p, 'values'), j), v, m));
    });
  });
  errs.push(...validateLabels(selector.matchLabels, child(path, 'matchLabels')));
  return errs;
}

export const selectorIsEmpty = (selector: Rec): boolean =>
  Object.keys(rec(selector.matchLabels)).length + arr(selector.matchExpressions).length === 0;

/** labels.Selector.Matches for a LabelSelector; an empty selector matches everything. */
export function selectorMatches(selector: Rec, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(strMap(selector.matchLabels))) if (labels[k] !== v) return false;
  for (const req of recs(selector.matchExpressions)) {
    const key = str(req.key);
    const has = Object.hasOwn(labels, key);
    const values = arr(req.values).map(str);
    const ok =
      req.operator === 'In'
        ? has && values.includes(labels[key] ?? '')
        : req.operator === 'NotIn'
          ? !has || !values.includes(labels[key] ?? '')
          : req.operator === 'Exists'
            ? has
            : req.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** Go `%#v` of map[string]string: keys sorted, `(nil)` when absent. */
export function goStringMap(m: unknown): GoText {
  if (m === undefined || m === null) return new GoText('map[string]string(nil)');
  const entries = Object.entries(strMap(m)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new GoText(`map[string]string{${entries.map(([k, v]) => `${quote(k)}:${quote(v)}`).join(', ')}}`);
}

/** Go `%#v` of a v1.LabelSelector, as kube prints it in `field is immutable` errors. */
export function goLabelSelector(selector: Rec): GoText {
  const exprs = recs(selector.matchExpressions);
  const reqs =
    selector.matchExpressions === undefined || selector.matchExpressions === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((r) => {
            const vals = Array.isArray(r.values)
              ? `[]string{${r.values.map((v) => quote(str(v))).join(', ')}}`
              : '[]string(nil)';
            return `v1.LabelSelectorRequirement{Key:${quote(str(r.key))}, Operator:${quote(str(r.operator))}, Values:${vals}}`;
          })
          .join(', ')}}`;
  return new GoText(
    `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels).text}, MatchExpressions:${reqs}}`,
  );
}
