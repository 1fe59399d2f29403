/** $((…)) evaluation: integer arithmetic with C precedence, as POSIX sh requires (a practical subset). */

export class ArithError extends Error {}

/** Binary operators by precedence, loosest first. */
const LEVELS = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];
const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%()<>!~&|^])/y;

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '||':
      return Number(a !== 0 || b !== 0);
    case '&&':
      return Number(a !== 0 && b !== 0);
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&':
      return a & b;
    case '==':
      return Number(a === b);
    case '!=':
      return Number(a !== b);
    case '<':
      return Number(a < b);
    case '>':
      return Number(a > b);
    case '<=':
      return Number(a <= b);
    case '>=':
      return Number(a >= b);
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      if (b === 0) throw new ArithError('divide by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
  }
}

function tokenize(expr: string): string[] {
  const toks: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(expr))) toks.push(m[1] as string);
  if (expr.slice(TOKEN.lastIndex || 0).trim() !== '' && toks.length === 0)
    throw new ArithError('arithmetic syntax error');
  if (TOKEN.lastIndex !== 0 && expr.slice(TOKEN.lastIndex).trim() !== '')
    throw new ArithError('arithmetic syntax error');
  return toks;
}

/** Evaluates an already-expanded expression; bare names are variables (unset or empty = 0). */
export function evalArith(expr: string, lookup: (name: string) => string | undefined): number {
  const toks = tokenize(expr);
  let pos = 0;
  const level = (n: number): number => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    while (LEVELS[n]?.includes(toks[pos] ?? '')) {
      const op = toks[pos++] as string;
      left = apply(op, left, level(n + 1));
    }
    return left;
  };
  const unary = (): number => {
    const t = toks[pos++];
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '!') return Number(unary() === 0);
    if (t === '~') return ~unary();
    if (t === '(') {
      const v = level(0);
      if (toks[pos++] !== ')') throw new ArithError('arithmetic syntax error');
      return v;
    }
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    if (t !== undefined && /^[A-Za-z_]/.test(t)) {
      const v = (lookup(t) ?? '').trim();
      const n = v === '' ? 0 : Number(v);
      if (!Number.isInteger(n)) throw new ArithError('arithmetic syntax error');
      return n;
    }
    throw new ArithError('arithmetic syntax error');
  };
  if (toks.length === 0) return 0;
  const value = level(0);
  if (pos !== toks.length) throw new ArithError('arithmetic syntax error');
  return value;
}
