/**
 * Incremental line splitter for newline-delimited JSON, the watch stream format: chunks may end
 * mid-line (or mid-character, which the caller's string decoder handles), so the tail is kept
 * until its newline arrives. Lines are returned unparsed so the good lines before a bad one still count.
 */
export class NdjsonSplitter {
  #tail = '';

  /** The complete, non-blank lines this chunk finishes. */
  push(chunk: string): string[] {
    const lines = (this.#tail + chunk).split('\n');
    this.#tail = lines.pop() ?? '';
    return lines.filter((l) => l.trim() !== '');
  }

  /** At end of stream: a last line without a newline is still a complete line. */
  end(): string[] {
    const rest = this.#tail;
    this.#tail = '';
    return rest.trim() === '' ? [] : [rest];
  }
}
