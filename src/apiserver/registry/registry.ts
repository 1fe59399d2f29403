/**
 * The live set of served resources: the built-in table plus one entry per served version of each
 * CustomResourceDefinition, updated as CRDs come and go so discovery and routing follow at once.
 */
import type { KubeObject } from '../../core/index.ts';
import { BUILTIN_RESOURCES } from './builtins.ts';
import { crdResources } from './crd.ts';
import type { ResourceInfo } from './types.ts';
import { compareVersions } from './version-priority.ts';

export interface GroupView {
  name: string;
  /** Highest priority first; the first is the preferred version. */
  versions: { version: string; resources: ResourceInfo[] }[];
}

export class Registry {
  #builtins: ResourceInfo[];
  #crds = new Map<string, ResourceInfo[]>();
  /** Bumped on every change, so openapi hashes and caches can follow. */
  generation = 0;

  constructor(builtins: ResourceInfo[] = BUILTIN_RESOURCES) {
    this.#builtins = builtins;
  }

  all(): ResourceInfo[] {
    return [...this.#builtins, ...[...this.#crds.values()].flat()];
  }

  /** Resource by group, version and plural. */
  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.all().find((r) => r.group === group && r.version === version && r.resource === resource);
  }

  byKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.all().find((r) => r.group === group && r.version === version && r.kind === kind);
  }

  /** Any served version of a group/kind (for owner references naming another version). */
  byGroupKind(group: string, kind: string): ResourceInfo | undefined {
    return this.all().find((r) => r.group === group && r.kind === kind);
  }

  hasGroupVersion(group: string, version: string): boolean {
    return this.all().some((r) => r.group === group && r.version === version);
  }

  /** One entry per storage location (events.k8s.io events share core events). */
  storages(): ResourceInfo[] {
    const seen = new Set<string>();
    return this.all().filter((r) => {
      const k = `${r.storage.group}/${r.storage.resource}`;
      if (seen.has(k) || r.storage.group !== r.group || r.storage.resource !== r.resource) return false;
      seen.add(k);
      return true;
    });
  }

  /** Groups in discovery order: core first, built-ins as listed, then CRD groups by name. */
  groups(): GroupView[] {
    const order: string[] = [];
    const byGroup = new Map<string, Map<string, ResourceInfo[]>>();
    const crdGroups = new Set([...this.#crds.values()].flat().map((r) => r.group));
    for (const r of this.all()) {
      if (!byGroup.has(r.group)) {
        byGroup.set(r.group, new Map());
        order.push(r.group);
      }
      const versions = byGroup.get(r.group)!;
      if (!versions.has(r.version)) versions.set(r.version, []);
      versions.get(r.version)!.push(r);
    }
    const builtinOrder = order.filter((g) => !crdGroups.has(g) || this.#builtins.some((b) => b.group === g));
    const crdOrder = order.filter((g) => !builtinOrder.includes(g)).sort();
    return [...builtinOrder, ...crdOrder].map((name) => {
      const versions = byGroup.get(name)!;
      return {
        name,
        versions: [...versions.keys()]
          .sort(compareVersions)
          .map((version) => ({ version, resources: versions.get(version)! })),
      };
    });
  }

  setCrd(crd: KubeObject): void {
    const name = crd.metadata.name ?? '';
    const infos = crdResources(crd);
    if (infos.length === 0) this.#crds.delete(name);
    else this.#crds.set(name, infos);
    this.generation++;
  }

  removeCrd(name: string): void {
    if (this.#crds.delete(name)) this.generation++;
  }
}
