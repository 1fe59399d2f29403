/** The shapes of the manifest checks: input files, parsed objects and findings. */
import type { Document, LineCounter } from 'yaml';

export type Severity = 'error' | 'warning';

/** Stable ids of the checks; a finding names the check that produced it. */
export type CheckId =
  | 'yaml-syntax'
  | 'yaml-indentation'
  | 'object-shape'
  | 'no-kind-match'
  | 'schema'
  | 'unknown-field'
  | 'ingress-v1beta1-backend'
  | 'probe-port'
  | 'liveness-ps-grep'
  | 'service-selector'
  | 'service-target-port'
  | 'ingress-backend-service'
  | 'ingress-backend-port'
  | 'ingress-class'
  | 'ingress-canary'
  | 'deployment-selector'
  | 'metallb-not-announced'
  | 'rollout-both-zero';

/** Which object a finding is about: kind, namespace (namespaced kinds default to "default"), name. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name?: string;
}

export interface Finding {
  check: CheckId;
  severity: Severity;
  /** The file as given to checkManifests (a path or a label). */
  file: string;
  /** 1-based line of the field (or the closest enclosing node) in the file, when known. */
  line?: number;
  /** Absent for findings about a whole YAML document that is not an object. */
  object?: ObjectRef;
  /** Path of the field, Kubernetes-style: `spec.rules[0].http.paths[0].backend`; '' for the whole object. */
  field: string;
  /** What is wrong, worded like Kubernetes where Kubernetes has a message for it. */
  message: string;
  /** How to fix it. */
  fix: string;
}

export interface ManifestFile {
  path: string;
  text: string;
}

/** One path element: a map key or an array index. */
export type PathSegment = string | number;

/** A parsed, object-shaped YAML document with what is needed to point back into the file. */
export interface ManifestObject {
  file: string;
  /** Index of the YAML document in its file (0-based). */
  doc: number;
  value: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  name?: string;
  /** Effective namespace for namespaced lookups: metadata.namespace or "default". */
  namespace: string;
  /** Set when the document looks like nested YAML written without indentation (see parse.ts). */
  unindented: boolean;
  yaml: Document.Parsed;
  lines: LineCounter;
}

/** A finding before the object's file/line/ref are filled in. */
export interface RawFinding {
  check: CheckId;
  severity: Severity;
  path: PathSegment[];
  message: string;
  fix: string;
}

/** A finding about one object of the set. */
export interface Located {
  obj: ManifestObject;
  finding: RawFinding;
}
