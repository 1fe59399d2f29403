/**
 * The lab's nginx-lb.yaml mistake: nested YAML written flush left parses as one flat map, with
 * `metadata: null`, `spec: null` and their fields at the top level. Keys are assigned to the section
 * they follow in the document, which is where the author meant them.
 */
import type { Located, ManifestObject } from '../types.ts';

const SECTIONS = new Set(['metadata', 'spec']);
const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

export function checkIndentation(obj: ManifestObject): Located[] {
  const out: Located[] = [];
  let section: string | undefined;
  const orphans = new Map<string, string[]>();
  for (const [key, v] of Object.entries(obj.value)) {
    if (ENVELOPE.has(key)) {
      section = SECTIONS.has(key) && v === null ? key : undefined;
      if (section !== undefined) orphans.set(section, []);
      continue;
    }
    // Label keys (with a dot or slash) were one level deeper still; name only the section's own fields.
    if (section !== undefined && !/[./]/.test(key)) orphans.get(section)?.push(key);
  }
  for (const [name, keys] of orphans) {
    if (keys.length === 0) continue;
    out.push({
      obj,
      finding: {
        check: 'yaml-indentation',
        severity: 'error',
        path: [name],
        message: `${name} is null and its fields (${keys.join(', ')}) are at the top level of the document: the lines under "${name}:" are not indented`,
        fix: `indent the lines that belong under ${name}: by two spaces (YAML nests by indentation); as written the API server rejects them as unknown or duplicate fields`,
      },
    });
  }
  return out;
}
