/**
 * Defaults of the smaller kinds: Namespace (k8s: pkg/registry/core/namespace/strategy.go PrepareForCreate and
 * the NamespaceDefaultLabelName gate), Secret (SetDefaults_Secret), Endpoints ports, CRDs
 * (k8s: staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/defaults.go), IngressClass none.
 */
import type { Rec } from '../util.ts';
import { ensure, rec, recs, setDefault, setDefaultString, str } from '../util.ts';

export function defaultNamespace(ns: Rec, creating: boolean): void {
  const meta = ensure(ns, 'metadata');
  const name = str(meta.name);
  if (name) ensure(meta, 'labels')['kubernetes.io/metadata.name'] = name;
  if (!creating) return;
  const spec = ensure(ns, 'spec');
  const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as unknown[]) : [];
  if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
  spec.finalizers = finalizers;
  ns.status = { phase: 'Active' };
}

export function defaultSecret(secret: Rec): void {
  setDefaultString(secret, 'type', 'Opaque');
}

export function defaultEndpoints(ep: Rec): void {
  for (const subset of recs(ep.subsets))
    for (const port of recs(subset.ports)) setDefaultString(port, 'protocol', 'TCP');
}

export function defaultEndpointSlice(slice: Rec): void {
  for (const port of recs(slice.ports)) setDefaultString(port, 'protocol', 'TCP');
  for (const ep of recs(slice.endpoints)) {
    const conditions = rec(ep.conditions);
    if (ep.conditions === undefined) ep.conditions = conditions;
  }
}

export function defaultCRD(crd: Rec): void {
  const spec = ensure(crd, 'spec');
  setDefault(spec, 'conversion', { strategy: 'None' });
  const names = ensure(spec, 'names');
  const kind = str(names.kind);
  if (kind) {
    setDefaultString(names, 'singular', kind.toLowerCase());
    setDefaultString(names, 'listKind', `${kind}List`);
  }
  // CRD strategy PrepareForCreate: status starts with acceptedNames empty and no conditions.
  setDefault(crd, 'status', { acceptedNames: { kind: '', plural: '' }, conditions: [], storedVersions: [] });
}

export function defaultIngress(ing: Rec): void {
  // networking/v1 has no defaults for pathType (it is required); only status gets its empty struct.
  setDefault(ensure(ing, 'status'), 'loadBalancer', {});
}
