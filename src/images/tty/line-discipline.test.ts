/** The terminal line discipline: keystrokes in, what the screen shows and what the reader gets out. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineDiscipline, onlcr } from './line-discipline.ts';
import { Tty } from './tty.ts';

interface Row {
  desc: string;
  /** Keystrokes, as a raw-mode terminal sends them. */
  input: string[];
  /** What the terminal shows (before ONLCR). */
  echo: string;
  /** What readers and the foreground job get: lines, `<EOF>`, `<SIGINT>`. */
  events: string[];
}

const rows: Row[] = [
  { desc: 'Enter sends CR, the reader gets NL (ICRNL)', input: ['ls\r'], echo: 'ls\n', events: ['ls\n'] },
  { desc: 'a line arrives only at its end (ICANON)', input: ['ec', 'ho'], echo: 'echo', events: [] },
  { desc: 'NL ends a line too', input: ['a\nb\n'], echo: 'a\nb\n', events: ['a\n', 'b\n'] },
  {
    desc: 'DEL erases the last character (ECHOE)',
    input: ['lx\x7fs\r'],
    echo: 'lx\b \bs\n',
    events: ['ls\n'],
  },
  { desc: '^H erases as well', input: ['ab\x08\r'], echo: 'ab\b \b\n', events: ['a\n'] },
  { desc: 'erase at line start does nothing', input: ['\x7fa\r'], echo: 'a\n', events: ['a\n'] },
  {
    desc: 'a multibyte character erases as one (IUTF8)',
    input: ['é\x7f\r'],
    echo: 'é\b \b\n',
    events: ['\n'],
  },
  {
    desc: 'a control character echoes as ^X and erases both columns (ECHOCTL)',
    input: ['a\x01\x7f\r'],
    echo: 'a^A\b \b\b \b\n',
    events: ['a\n'],
  },
  {
    desc: '^U kills the line (ECHOKE)',
    input: ['abc\x15x\r'],
    echo: 'abc\b \b\b \b\b \bx\n',
    events: ['x\n'],
  },
  {
    desc: '^W erases a word',
    input: ['ls -la\x17x\r'],
    echo: 'ls -la\b \b\b \b\b \bx\n',
    events: ['ls x\n'],
  },
  {
    desc: '^C drops the line, echoes ^C and signals SIGINT',
    input: ['sleep 1\x03'],
    echo: 'sleep 1^C',
    events: ['<SIGINT>'],
  },
  { desc: '^\\ signals SIGQUIT', input: ['\x1c'], echo: '^\\', events: ['<SIGQUIT>'] },
  { desc: '^D on an empty line is end of file, not echoed', input: ['\x04'], echo: '', events: ['<EOF>'] },
  {
    desc: '^D mid-line delivers the line without a newline',
    input: ['ab\x04'],
    echo: 'ab',
    events: ['ab'],
  },
  { desc: '^V quotes the next character', input: ['\x16\x03\r'], echo: '^C\n', events: ['\x03\n'] },
  {
    desc: 'a UTF-8 character split across reads is kept whole',
    input: [
      Buffer.from('é').subarray(0, 1).toString('latin1'),
      Buffer.from('é').subarray(1).toString('latin1'),
      '\r',
    ],
    echo: 'é\n',
    events: ['é\n'],
  },
];

describe('line discipline', () => {
  for (const row of rows) {
    test(row.desc, () => {
      const ld = new LineDiscipline();
      let echo = '';
      const events: string[] = [];
      for (const k of row.input) {
        // The split-UTF-8 row passes raw bytes as latin1 strings.
        const bytes = row.desc.includes('split') ? Buffer.from(k, 'latin1') : Buffer.from(k, 'utf8');
        const r = ld.input(bytes);
        echo += r.echo;
        for (const e of r.events)
          events.push(e.t === 'line' ? e.data.toString('utf8') : e.t === 'eof' ? '<EOF>' : `<${e.sig}>`);
      }
      assert.equal(echo, row.echo);
      assert.deepEqual(events, row.events);
    });
  }

  test('output turns NL into CR NL (ONLCR)', () => {
    assert.equal(onlcr('a\nb\n').toString(), 'a\r\nb\r\n');
    assert.equal(onlcr('plain').toString(), 'plain');
  });
});

describe('tty device', () => {
  test('echo goes through ONLCR; a reader gets lines and ends at ^D; the next reader goes on', async () => {
    let screen = '';
    const signals: string[] = [];
    const tty = new Tty(
      (b) => (screen += b.toString()),
      (sig) => signals.push(sig),
    );
    const first = tty.read();
    tty.input(Buffer.from('hi\r'));
    assert.equal((await first)?.toString(), 'hi\n');
    assert.equal(screen, 'hi\r\n');
    tty.input(Buffer.from('a\r\x04b\r'));
    const reader = tty.openReader();
    const got: string[] = [];
    for await (const chunk of reader) got.push((chunk as Buffer).toString());
    assert.deepEqual(got, ['a\n']);
    assert.equal((await tty.read())?.toString(), 'b\n');
    tty.input(Buffer.from('\x03'));
    assert.deepEqual(signals, ['SIGINT']);
    const release = tty.setForeground((sig) => signals.push(`job ${sig}`));
    tty.input(Buffer.from('\x03'));
    release();
    tty.input(Buffer.from('\x03'));
    assert.deepEqual(signals, ['SIGINT', 'job SIGINT', 'SIGINT']);
    tty.hangup();
    assert.equal(await tty.read(), null);
  });

  test('an aborted read leaves the line for the next read', async () => {
    const tty = new Tty(
      () => undefined,
      () => undefined,
    );
    const abort = new AbortController();
    const pending = tty.read(abort.signal);
    abort.abort();
    await assert.rejects(pending);
    tty.input(Buffer.from('x\r'));
    assert.equal((await tty.read())?.toString(), 'x\n');
  });
});
