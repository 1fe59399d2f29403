/**
 * JSON merge patch (RFC 7386), the patch kubectl sends for custom resources: objects merge
 * recursively, `null` deletes a key, anything else (arrays included) replaces.
 */
import { isRecord } from '../../core/index.ts';

/** Returns `target` patched by `patch`; neither input is mutated nor shared with the result. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isRecord(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
