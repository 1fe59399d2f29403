/**
 * The JSONPath subset CRD additionalPrinterColumns use, evaluated like k8s.io/client-go/util/jsonpath
 * with AllowMissingKeys(true): `.a.b`, `.a\.b`, `['key']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, and filters
 * `[?(@.type=="Ready")]` (==, !=, <, >, <=, >=, or existence). Unsupported syntax fails to parse.
 */
import { isRecord } from '../../core/index.ts';

type Literal = string | number | boolean;
type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'slice'; start?: number; end?: number; index: boolean }
  | { kind: 'wildcard' }
  | { kind: 'filter'; left: Segment[]; op: string; right: Segment[] | Literal | undefined };

export interface JsonPath {
  segments: Segment[];
}

export class JsonPathError extends Error {}

const FILTER_OPS = ['==', '!=', '<=', '>=', '<', '>'];

/** Parses `.a.b[...]` (the text a CRD jsonPath holds, without the `{}` kubectl wraps it in). */
export function parseJsonPath(text: string): JsonPath {
  const body = text.trim().replace(/^\$/, '');
  return { segments: parseSegments(body, text) };
}

function parseSegments(body: string, whole: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '.') {
      if (body[i + 1] === '.') throw new JsonPathError(`recursive descent is not supported: ${whole}`);
      let name = '';
      i++;
      while (i < body.length && body[i] !== '.' && body[i] !== '[') {
        if (body[i] === '\\' && i + 1 < body.length) i++;
        name += body[i];
        i++;
      }
      if (name === '*') segments.push({ kind: 'wildcard' });
      else if (name !== '') segments.push({ kind: 'field', name });
      continue;
    }
    if (ch === '[') {
      const close = findClose(body, i);
      if (close < 0) throw new JsonPathError(`unclosed array expect ]: ${whole}`);
      segments.push(parseBracket(body.slice(i + 1, close).trim(), whole));
      i = close + 1;
      continue;
    }
    throw new JsonPathError(`unrecognized character in action: ${whole}`);
  }
  return segments;
}

/** The `]` closing the bracket at `open`, skipping quoted strings and nested brackets. */
function findClose(body: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < body.length; i++) {
    const ch = body[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(inner: string, whole: string): Segment {
  const dictKey = /^'([^']*)'$/.exec(inner);
  if (dictKey) return { kind: 'field', name: dictKey[1] ?? '' };
  if (inner === '*') return { kind: 'wildcard' };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim(), whole);
  const slice = /^(-?\d+)?(?::(-?\d+)?)?$/.exec(inner);
  if (slice && inner !== '') {
    const start = slice[1] === undefined ? undefined : Number(slice[1]);
    if (!inner.includes(':')) return { kind: 'slice', start, index: true };
    return { kind: 'slice', start, end: slice[2] === undefined ? undefined : Number(slice[2]), index: false };
  }
  throw new JsonPathError(`invalid array index ${inner}: ${whole}`);
}

function parseFilter(expr: string, whole: string): Segment {
  let opAt = -1;
  let op = '';
  let quote = '';
  for (let i = 0; i < expr.length && opAt < 0; i++) {
    const ch = expr[i] ?? '';
    if (quote !== '') {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    const found = FILTER_OPS.find((o) => expr.startsWith(o, i));
    if (found !== undefined) {
      opAt = i;
      op = found;
    }
  }
  const leftText = (opAt < 0 ? expr : expr.slice(0, opAt)).trim();
  if (!leftText.startsWith('@')) throw new JsonPathError(`unrecognized filter ${expr}: ${whole}`);
  const left = parseSegments(leftText.slice(1), whole);
  if (opAt < 0) return { kind: 'filter', left, op: 'exists', right: undefined };
  const rightText = expr.slice(opAt + op.length).trim();
  return { kind: 'filter', left, op, right: parseOperand(rightText, whole) };
}

function parseOperand(text: string, whole: string): Segment[] | Literal {
  if (text.startsWith('@')) return parseSegments(text.slice(1), whole);
  const quoted = /^"([^"]*)"$|^'([^']*)'$/.exec(text);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new JsonPathError(`unrecognized filter operand ${text}: ${whole}`);
}

/** All values the path selects, in document order; throws where client-go's FindResults errors. */
export function findResults(path: JsonPath, data: unknown): unknown[] {
  return walk([data], path.segments);
}

function walk(input: unknown[], segments: Segment[]): unknown[] {
  let cur = input;
  for (const seg of segments) cur = step(cur, seg);
  return cur;
}

function step(input: unknown[], seg: Segment): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue; // template.Indirect: nil is skipped
    switch (seg.kind) {
      case 'field':
        if (isRecord(value) && Object.hasOwn(value, seg.name)) out.push(value[seg.name]);
        break;
      case 'wildcard':
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else if (isRecord(value)) out.push(...Object.values(value));
        else if (typeof value === 'string') out.push(...value);
        break;
      case 'slice':
        out.push(...slice(value, seg));
        break;
      case 'filter':
        out.push(...filter(value, seg));
        break;
    }
  }
  return out;
}

function slice(value: unknown, seg: Extract<Segment, { kind: 'slice' }>): unknown[] {
  if (!Array.isArray(value)) throw new JsonPathError('not array or slice');
  const len = value.length;
  const norm = (n: number): number => (n < 0 ? n + len : n);
  const start = norm(seg.start ?? 0);
  // `[x]` is `[x:x+1]`; a derived end follows a negative start (client-go's Param.Derived).
  const end = seg.index ? start + 1 : norm(seg.end ?? len);
  if (end !== start) {
    if (start >= len || start < 0)
      throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
    if (end > len) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
  }
  return (value as unknown[]).slice(start, Math.max(start, end));
}

function filter(value: unknown, seg: Extract<Segment, { kind: 'filter' }>): unknown[] {
  if (!Array.isArray(value)) throw new JsonPathError('not array or slice and cannot be filtered');
  return (value as unknown[]).filter((item) => {
    const lefts = walk([item], seg.left);
    if (seg.op === 'exists') return lefts.length > 0;
    const rights = Array.isArray(seg.right) ? walk([item], seg.right) : [seg.right];
    if (lefts.length !== 1 || rights.length !== 1)
      throw new JsonPathError('can only compare one element at a time');
    return compare(lefts[0], seg.op, rights[0]);
  });
}

/** template.Equal/Less…: same basic kinds only; mismatched kinds are an error. */
function compare(left: unknown, op: string, right: unknown): boolean {
  if (
    typeof left !== typeof right ||
    (typeof left !== 'string' && typeof left !== 'number' && typeof left !== 'boolean')
  ) {
    throw new JsonPathError('incompatible types for comparison');
  }
  const l = left;
  const r = right as Literal;
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    default:
      return l >= r;
  }
}
