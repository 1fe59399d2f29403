/**
 * The interactive prompt: busybox ash's defaults (`PS1='\w \$ '` with FEATURE_EDITING_FANCY_PROMPT,
 * `PS2='> '`; shell/ash.c initvar) and the backslash escapes of libbb/lineedit.c parse_and_put_prompt.
 */
import type { ShellState } from './state.ts';

export const DEFAULT_PS1 = '\\w \\$ ';
export const DEFAULT_PS2 = '> ';

export interface PromptEnv {
  hostname: string;
  /** Our images run as root (`id`: uid=0), so `\$` is `#` and the home is /root. */
  uid: number;
  user: string;
}

/** `\w`: $PWD with $HOME (or the user's home from passwd) shown as `~`, as lineedit does. */
function cwdShown(state: ShellState, env: PromptEnv): string {
  const cwd = state.get('PWD') || state.cwd;
  const home = state.get('HOME') || (env.uid === 0 ? '/root' : '/');
  if (cwd === home || cwd.startsWith(`${home}/`)) return `~${cwd.slice(home.length)}`;
  return cwd;
}

/** Expands `$NAME`/`${NAME}` (ash expands PS1 as a string first) and then the prompt escapes. */
export function expandPrompt(ps: string, state: ShellState, env: PromptEnv): string {
  const vars = ps.replace(
    /\\.|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m: string, braced?: string, bare?: string) =>
      m.startsWith('\\') ? m : (state.get((braced ?? bare) as string) ?? ''),
  );
  return vars.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case 'w':
        return cwdShown(state, env);
      case 'W': {
        const w = cwdShown(state, env);
        return w === '/' ? w : w.slice(w.lastIndexOf('/') + 1);
      }
      case '$':
        return env.uid === 0 ? '#' : '$';
      case 'u':
        return env.user;
      case 'h':
        return env.hostname.split('.')[0] as string;
      case 'H':
        return env.hostname;
      case 'n':
        return '\n';
      case 'e':
        return '\x1b';
      case '[':
      case ']':
        return '';
      default:
        return c;
    }
  });
}
