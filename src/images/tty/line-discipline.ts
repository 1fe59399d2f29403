/**
 * A terminal line discipline as Linux's n_tty with its default termios (ICRNL, OPOST|ONLCR, ISIG,
 * ICANON, ECHO, ECHOE, ECHOK, ECHOCTL, ECHOKE, IEXTEN, IUTF8): what the pty of a `kubectl exec -it`
 * does between the client's raw keystrokes and the process. Pure: bytes in, echo and records out.
 * (linux drivers/tty/n_tty.c: n_tty_receive_char_special, eraser, echo_char.)
 */

/** What the keystrokes produced: lines for the reader, signals for the foreground job. */
export type TtyEvent =
  | { t: 'line'; data: Buffer }
  /** ^D on an empty line: the reader's read(2) returns 0 (end of file) once. */
  | { t: 'eof' }
  | { t: 'signal'; sig: 'SIGINT' | 'SIGQUIT' };

export interface DisciplineResult {
  /** Bytes to show on the terminal (before output processing: `\n` is still a bare newline). */
  echo: string;
  events: TtyEvent[];
}

const VINTR = 0x03; // ^C
const VQUIT = 0x1c; // ^\
const VEOF = 0x04; // ^D
const VERASE = 0x7f; // DEL, what terminals send for Backspace
const BS = 0x08; // ^H, accepted as erase too
const VKILL = 0x15; // ^U
const VWERASE = 0x17; // ^W
const VLNEXT = 0x16; // ^V
const CR = 0x0d;
const NL = 0x0a;
const TAB = 0x09;

/** ECHOCTL: control characters echo as `^X` (two columns), DEL as `^?`. */
function echoOf(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c < 0x20 && c !== TAB && c !== NL) return `^${String.fromCharCode(c + 0x40)}`;
  if (c === 0x7f) return '^?';
  return ch;
}

export class LineDiscipline {
  /** The line being edited, one entry per character (IUTF8: a multibyte character erases as one). */
  #line: string[] = [];
  #literalNext = false;
  /** Bytes of an incomplete UTF-8 sequence, kept until the rest arrives. */
  #partial = Buffer.alloc(0);

  /** Feeds keystrokes; returns what to echo and what the reader and the foreground job get. */
  input(bytes: Buffer): DisciplineResult {
    const out: DisciplineResult = { echo: '', events: [] };
    const text = this.#decode(bytes);
    for (const ch of text) this.#char(ch, out);
    return out;
  }

  #decode(bytes: Buffer): string {
    const all = Buffer.concat([this.#partial, bytes]);
    // Keep a trailing incomplete UTF-8 sequence for the next call.
    let end = all.length;
    for (let k = Math.max(0, all.length - 3); k < all.length; k++) {
      const b = all[k] as number;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
      if (need > 0 && k + need > all.length) {
        end = k;
        break;
      }
    }
    this.#partial = all.subarray(end);
    return all.subarray(0, end).toString('utf8');
  }

  #char(ch: string, out: DisciplineResult): void {
    let c = ch.charCodeAt(0);
    if (this.#literalNext) {
      this.#literalNext = false;
      this.#insert(ch, out);
      return;
    }
    if (c === CR) {
      // ICRNL: Enter sends CR in raw mode; the process reads NL.
      c = NL;
      ch = '\n';
    }
    switch (c) {
      case VINTR:
      case VQUIT:
        // ISIG without NOFLSH: the pending line is discarded, the signal echoed as ^C / ^\.
        this.#line = [];
        out.echo += echoOf(ch);
        out.events.push({ t: 'signal', sig: c === VINTR ? 'SIGINT' : 'SIGQUIT' });
        return;
      case VEOF:
        // Not echoed; an empty line means end of file, otherwise the line goes without a newline.
        if (this.#line.length === 0) out.events.push({ t: 'eof' });
        else this.#deliver(out);
        return;
      case VERASE:
      case BS:
        this.#erase(out);
        return;
      case VKILL:
        // ECHOKE: the whole line is erased on screen.
        while (this.#line.length > 0) this.#erase(out);
        return;
      case VWERASE:
        while (this.#line.length > 0 && /\s/.test(this.#line[this.#line.length - 1] as string))
          this.#erase(out);
        while (this.#line.length > 0 && !/\s/.test(this.#line[this.#line.length - 1] as string))
          this.#erase(out);
        return;
      case VLNEXT:
        this.#literalNext = true;
        return;
      case NL:
        this.#line.push('\n');
        out.echo += '\n';
        this.#deliver(out);
        return;
      default:
        this.#insert(ch, out);
    }
  }

  #insert(ch: string, out: DisciplineResult): void {
    this.#line.push(ch);
    out.echo += echoOf(ch);
  }

  /** ECHOE: back over the last character (both columns of a `^X`) with `\b \b`. */
  #erase(out: DisciplineResult): void {
    const last = this.#line.pop();
    if (last === undefined) return;
    out.echo += '\b \b'.repeat(echoOf(last).length === 2 && last !== '\t' ? 2 : 1);
  }

  #deliver(out: DisciplineResult): void {
    out.events.push({ t: 'line', data: Buffer.from(this.#line.join(''), 'utf8') });
    this.#line = [];
  }
}

/** OPOST|ONLCR: every newline a process writes reaches the terminal as CR NL. */
export function onlcr(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (!b.includes(NL)) return b;
  const parts: Buffer[] = [];
  let start = 0;
  for (let k = b.indexOf(NL); k >= 0; k = b.indexOf(NL, k + 1)) {
    parts.push(b.subarray(start, k), Buffer.from('\r\n'));
    start = k + 1;
  }
  parts.push(b.subarray(start));
  return Buffer.concat(parts);
}
