/** The shape of field-schemas.json and its loader: the known fields of each built-in kind. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Field name → '' (a leaf: scalar, IntOrString, Quantity, free-form object, list or map of scalars),
 * 'T' (struct type T), '[]T' (list of T) or '{}T' (map of string to T).
 */
export type TypeTable = Record<string, Record<string, string>>;

export interface FieldSchemas {
  /** `apps/v1/Deployment` → root type name. */
  kinds: Record<string, string>;
  types: TypeTable;
}

const FILE = new URL('./field-schemas.json', import.meta.url);
let loaded: FieldSchemas | undefined;

/** Loads the table once; the API server awaits this at start so the strict check never blocks. */
export async function loadFieldSchemas(): Promise<FieldSchemas> {
  loaded ??= JSON.parse(await readFile(FILE, 'utf8')) as FieldSchemas;
  return loaded;
}

/** The table, read synchronously on first use if loadFieldSchemas() was not awaited. */
export function fieldSchemas(): FieldSchemas {
  loaded ??= JSON.parse(readFileSync(FILE, 'utf8')) as FieldSchemas;
  return loaded;
}
