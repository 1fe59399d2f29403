/** Parsing manifest files into objects: YAML errors with line numbers, and the object-shape basics. */
import { LineCounter, parseAllDocuments } from 'yaml';
import { isRecord } from '../core/index.ts';
import type { Finding, ManifestFile, ManifestObject } from './types.ts';

export interface ParseResult {
  objects: ManifestObject[];
  findings: Finding[];
}

/** Top-level keys every object may have; anything else next to a null metadata/spec is suspect. */
const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

/**
 * True when a document looks like nested YAML written without indentation: `metadata:` or `spec:`
 * is null and keys that belong under them sit at the top level (the lab's nginx-lb.yaml).
 */
export function looksUnindented(value: Record<string, unknown>): boolean {
  const nullSection = ['metadata', 'spec'].some((k) => k in value && value[k] === null);
  return nullSection && Object.keys(value).some((k) => !ENVELOPE.has(k));
}

export function parseManifests(files: readonly ManifestFile[]): ParseResult {
  const objects: ManifestObject[] = [];
  const findings: Finding[] = [];
  for (const file of files) {
    const lines = new LineCounter();
    const docs = parseAllDocuments(file.text, { lineCounter: lines });
    const list = Array.isArray(docs) ? docs : [];
    list.forEach((yaml, doc) => {
      let value: unknown;
      try {
        value = yaml.toJS();
      } catch {
        value = undefined;
      }
      const unindented = isRecord(value) && looksUnindented(value);
      // Duplicate keys are a consequence of the missing indentation (labels and selector keys collide);
      // the indentation check explains the cause instead.
      const errors = yaml.errors.filter((e) => !(unindented && e.code === 'DUPLICATE_KEY'));
      for (const e of errors) {
        const line = e.linePos?.[0].line;
        const what = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
        findings.push({
          check: 'yaml-syntax',
          severity: 'error',
          file: file.path,
          ...(line === undefined ? {} : { line }),
          field: '',
          message: `error converting YAML to JSON: yaml: line ${line ?? '?'}: ${what}`,
          fix: 'correct the YAML syntax at that line (indentation, quoting, brackets, duplicate keys)',
        });
      }
      if (errors.length > 0 || value === null || value === undefined) return;
      const line =
        yaml.contents?.range[0] === undefined ? undefined : lines.linePos(yaml.contents.range[0]).line;
      if (!isRecord(value)) {
        findings.push({
          check: 'object-shape',
          severity: 'error',
          file: file.path,
          ...(line === undefined ? {} : { line }),
          field: '',
          message: `document ${doc + 1} is a YAML ${Array.isArray(value) ? 'list' : 'scalar'}, not an object`,
          fix: 'each YAML document (separated by ---) must be one Kubernetes object with apiVersion and kind',
        });
        return;
      }
      const missing = ['apiVersion', 'kind'].filter((k) => typeof value[k] !== 'string' || value[k] === '');
      if (missing.length > 0) {
        // kubectl's client-side wording: `error validating data: [apiVersion not set, kind not set]`
        findings.push({
          check: 'object-shape',
          severity: 'error',
          file: file.path,
          ...(line === undefined ? {} : { line }),
          field: missing[0] ?? '',
          message: `error validating data: [${missing.map((k) => `${k} not set`).join(', ')}]`,
          fix: 'start the document with apiVersion and kind (for example `apiVersion: v1` and `kind: Service`)',
        });
        return;
      }
      // The Kustomization files of manifests/ are kustomize input, not API objects.
      if (String(value['apiVersion']).startsWith('kustomize.config.k8s.io/')) return;
      // Unindented metadata fields sit at the top level; they still name the object for the report.
      const meta = isRecord(value['metadata']) ? value['metadata'] : unindented ? value : {};
      objects.push({
        file: file.path,
        doc,
        value,
        apiVersion: String(value['apiVersion']),
        kind: String(value['kind']),
        ...(typeof meta['name'] === 'string' ? { name: meta['name'] } : {}),
        namespace:
          typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : 'default',
        unindented,
        yaml,
        lines,
      });
    });
  }
  return { objects, findings };
}
