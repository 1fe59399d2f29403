/** The shape of one served resource (a group/version/resource), as discovery, routing and storage see it. */
import type { KubeObject } from '../../core/index.ts';
import type { CrdPrinterColumn } from '../printers/index.ts';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export interface SubresourceInfo {
  name: string;
  /** The kind the subresource answers with, e.g. autoscaling/v1 Scale. */
  kind: { group: string; version: string; kind: string };
  verbs: string[];
}

/** How a CRD's scale subresource maps onto the custom object. */
export interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface ResourceInfo {
  group: string;
  version: string;
  /** Plural, lower-case: `pods`. */
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  verbs: Verb[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceInfo[];
  /** Built-in kinds take strategic merge patches; custom resources do not. */
  builtIn: boolean;
  /** Whether metadata.generation is kept (set to 1 on create, bumped on spec change). */
  generation: boolean;
  /** Where objects live: events.k8s.io events share core events' storage. */
  storage: { group: string; resource: string };
  /** Converts a stored object to this version's view and back (events.k8s.io/v1 ↔ core/v1). */
  fromStorage?: (obj: KubeObject) => KubeObject;
  toStorage?: (obj: KubeObject) => KubeObject;
  /** Create-only reviews answered by the server and never stored (authorization/authentication). */
  review?: boolean;
  /** Custom resources only. */
  crd?: {
    name: string;
    schema: unknown;
    printerColumns: CrdPrinterColumn[];
    scale?: ScalePaths;
  };
}

export function hasSubresource(info: ResourceInfo, name: string): boolean {
  return info.subresources.some((s) => s.name === name);
}

export function groupVersion(info: { group: string; version: string }): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}
