/**
 * `$(VAR)` expansion of env values, command and args, as Kubernetes does it
 * (k8s: third_party/forked/golang/expansion/expand.go `Expand`, `MappingFuncFor`;
 * pkg/kubelet/container/helpers.go `ExpandContainerCommandAndArgs`).
 * `$$` escapes a `$`; unknown or unterminated references stay as written.
 */

export type Mapping = (name: string) => string;

/** The first map holding `name` wins; otherwise the reference is kept verbatim. */
export function mappingFuncFor(...contexts: ReadonlyArray<ReadonlyMap<string, string>>): Mapping {
  return (name) => {
    for (const vars of contexts) {
      const v = vars.get(name);
      if (v !== undefined) return v;
    }
    return `$(${name})`;
  };
}

/** Reads what follows a `$`: [text, isVariable, consumed]. */
function tryReadVariableName(input: string): [string, boolean, number] {
  switch (input[0]) {
    case '$':
      return ['$', false, 1];
    case '(': {
      const close = input.indexOf(')', 1);
      if (close !== -1) return [input.slice(1, close), true, close + 1];
      return ['$(', false, 1];
    }
    default:
      return [`$${input[0] ?? ''}`, false, 1];
  }
}

export function expand(input: string, mapping: Mapping): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === '$' && cursor + 1 < input.length) {
      out += input.slice(checkpoint, cursor);
      const [read, isVar, advance] = tryReadVariableName(input.slice(cursor + 1));
      out += isVar ? mapping(read) : read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return out + input.slice(checkpoint);
}

/** command and args expanded against the container's final environment. */
export function expandCommandAndArgs(
  env: ReadonlyArray<{ name: string; value: string }>,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): { command?: string[]; args?: string[] } {
  const mapping = mappingFuncFor(new Map(env.map((e) => [e.name, e.value])));
  const out: { command?: string[]; args?: string[] } = {};
  if (command) out.command = command.map((c) => expand(c, mapping));
  if (args) out.args = args.map((a) => expand(a, mapping));
  return out;
}
