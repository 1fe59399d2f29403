/** Turns a CustomResourceDefinition into the ResourceInfo of each served version. */
import { isRecord } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { CrdPrinterColumn } from '../printers/index.ts';
import { ALL_VERBS } from './types.ts';
import type { ResourceInfo, ScalePaths, SubresourceInfo } from './types.ts';

function str(v: unknown, dflt = ''): string {
  return typeof v === 'string' ? v : dflt;
}

function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function crdResources(crd: KubeObject): ResourceInfo[] {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const group = str(spec.group);
  const kind = str(names.kind);
  const plural = str(names.plural);
  if (!group || !kind || !plural) return [];
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  return versions
    .filter((v) => v.served !== false)
    .map((v): ResourceInfo => {
      const version = str(v.name);
      const subs = isRecord(v.subresources) ? v.subresources : {};
      const subresources: SubresourceInfo[] = [];
      let scale: ScalePaths | undefined;
      if (isRecord(subs.scale)) {
        subresources.push({
          name: 'scale',
          kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          verbs: ['get', 'patch', 'update'],
        });
        scale = {
          specReplicasPath: str(subs.scale.specReplicasPath, '.spec.replicas'),
          statusReplicasPath: str(subs.scale.statusReplicasPath, '.status.replicas'),
          ...(typeof subs.scale.labelSelectorPath === 'string'
            ? { labelSelectorPath: subs.scale.labelSelectorPath }
            : {}),
        };
      }
      if (isRecord(subs.status)) {
        subresources.push({
          name: 'status',
          kind: { group, version, kind },
          verbs: ['get', 'patch', 'update'],
        });
      }
      const schema = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
      const columns = Array.isArray(v.additionalPrinterColumns)
        ? (v.additionalPrinterColumns.filter(isRecord) as unknown as CrdPrinterColumn[])
        : [];
      return {
        group,
        version,
        resource: plural,
        kind,
        listKind: str(names.listKind, `${kind}List`),
        singular: str(names.singular, kind.toLowerCase()),
        namespaced: spec.scope !== 'Cluster',
        verbs: ALL_VERBS,
        shortNames: strs(names.shortNames),
        categories: strs(names.categories),
        subresources,
        builtIn: false,
        generation: true,
        storage: { group, resource: plural },
        crd: { name: crd.metadata.name ?? '', schema, printerColumns: columns, ...(scale ? { scale } : {}) },
      };
    });
}
