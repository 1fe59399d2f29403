/** Plain-text tables for benchmark output: numbers right-aligned, a bold header only on a terminal. */
import pc from 'picocolors';

const colors = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);

export type Cell = string | number;

/** Milliseconds with sensible precision: 0.412, 4.12, 41.2, 412. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function rate(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toString() : '-';
}

export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}x`;
}

export function renderTable(title: string, header: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], numeric: boolean) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        // The first column is a label; the rest are figures.
        return i === 0 || !numeric ? c.padEnd(w) : c.padStart(w);
      })
      .join('  ')
      .trimEnd();
  const headerLine = header
    .map((h, i) => (i === 0 ? h.padEnd(widths[i] ?? 0) : h.padStart(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
  return [colors.bold(title), colors.bold(headerLine), ...text.map((r) => line(r, true)), ''].join('\n');
}
