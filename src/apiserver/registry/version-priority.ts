/**
 * Kubernetes' version ordering (GA > beta > alpha, higher numbers first, non-kube versions last),
 * k8s: staging/src/k8s.io/apimachinery/pkg/version/helpers.go CompareKubeAwareVersionStrings.
 */
const KUBE = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(v: string): [number, number, number] {
  const m = KUBE.exec(v);
  if (!m) return [0, 0, 0];
  const stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [stage, Number(m[1]), Number(m[3] ?? 0)];
}

/** Sorts highest priority first. */
export function compareVersions(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  const aKube = KUBE.test(a);
  const bKube = KUBE.test(b);
  if (aKube !== bKube) return aKube ? -1 : 1;
  if (!aKube) return a.localeCompare(b);
  if (ra[0] !== rb[0]) return rb[0] - ra[0];
  if (ra[1] !== rb[1]) return rb[1] - ra[1];
  return rb[2] - ra[2];
}
