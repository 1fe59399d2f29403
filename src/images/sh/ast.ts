/** The syntax tree of the POSIX sh subset the images interpret. */

export type WordPart =
  /** Literal text; `quoted` text is never split or globbed. */
  | { t: 'lit'; v: string; quoted: boolean }
  /** `$x`, `${x}`, `${x:-word}`, `${#x}`. */
  | { t: 'param'; name: string; op?: ParamOp; arg?: Word; quoted: boolean }
  /** `$(list)` or `` `list` ``. */
  | { t: 'cmd'; body: List; quoted: boolean }
  /** `$((expr))`; the expression text is expanded, then evaluated. */
  | { t: 'arith'; expr: Word; quoted: boolean };

export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#len';

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '<<';
  target: Word;
  /** For `<<`: the body, expanded unless the delimiter was quoted. */
  heredoc?: { body: Word };
}

export interface Assignment {
  name: string;
  value: Word;
}

export type Command =
  | { t: 'simple'; assigns: Assignment[]; words: Word[]; redirs: Redirect[] }
  | { t: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List; redirs: Redirect[] }
  | { t: 'for'; name: string; items?: Word[]; body: List; redirs: Redirect[] }
  | { t: 'while'; until: boolean; cond: List; body: List; redirs: Redirect[] }
  | { t: 'group'; subshell: boolean; body: List; redirs: Redirect[] }
  | { t: 'case'; word: Word; items: { patterns: Word[]; body: List }[]; redirs: Redirect[] }
  /** `name() compound-command`: defines a function. */
  | { t: 'func'; name: string; body: Command; redirs: Redirect[] };

export interface Pipeline {
  bang: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface List {
  items: { andOr: AndOr; background: boolean }[];
}
