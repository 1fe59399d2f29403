/** The page's picture: the Kubernetes wheel drawn as colored 0/1 characters, like the lab's page. */

const BLUE = '#326ce5';
const WHITE = 'white';
const SIDES = 7;

export interface PictureOptions {
  /** Seeds the 0/1 characters, so each pod's picture differs but is reproducible. */
  seed: string;
  /** Characters per row; rows are half as many because a character is about twice as tall as wide. */
  width?: number;
}

/** Returns `<font color=..>0101</font>` runs, rows joined by `<br>`, for a `<pre>` block. */
export function renderPicture(opts: PictureOptions): string {
  const width = Math.max(8, Math.floor(opts.width ?? 72));
  const height = Math.floor(width / 2);
  const next = prng(fnv1a(opts.seed));
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    let runColor = '';
    let run = '';
    for (let x = 0; x < width; x++) {
      const color = colorAt(((x + 0.5) / width) * 2 - 1, ((y + 0.5) / height) * 2 - 1);
      const bit = next() < 0.5 ? '0' : '1';
      if (color !== runColor && run) {
        row += `<font color=${runColor}>${run}</font>`;
        run = '';
      }
      runColor = color;
      run += bit;
    }
    row += `<font color=${runColor}>${run}</font>`;
    rows.push(row);
  }
  return rows.join('<br>');
}

/** The logo in the unit square (y grows downwards): a blue heptagon holding a white helm wheel. */
export function colorAt(x: number, yIn: number): string {
  // A heptagon with a corner on top is taller above its centre than below: centre it vertically.
  const y = yIn - 0.05;
  const r = Math.hypot(x, y);
  if (!insideHeptagon(x, y, 0.98)) return WHITE;
  if (r < 0.16) return WHITE; // hub
  if (r > 0.52 && r < 0.64) return WHITE; // rim
  for (let k = 0; k < SIDES; k++) {
    // Spokes point at the heptagon's corners; the top corner is at -90 degrees.
    const a = -Math.PI / 2 + (k * 2 * Math.PI) / SIDES;
    const dx = Math.cos(a);
    const dy = Math.sin(a);
    const along = x * dx + y * dy;
    const across = Math.abs(x * dy - y * dx);
    if (along > 0 && along < 0.74 && across < 0.055) return WHITE; // spoke, through the rim
    if (Math.hypot(x - 0.76 * dx, y - 0.76 * dy) < 0.06) return WHITE; // handle at its end
  }
  return BLUE;
}

function insideHeptagon(x: number, y: number, radius: number): boolean {
  const apothem = radius * Math.cos(Math.PI / SIDES);
  for (let k = 0; k < SIDES; k++) {
    // Edge normals sit halfway between the corners.
    const a = -Math.PI / 2 + Math.PI / SIDES + (k * 2 * Math.PI) / SIDES;
    if (x * Math.cos(a) + y * Math.sin(a) > apothem) return false;
  }
  return true;
}

/** FNV-1a: a stable 32-bit hash of the seed string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a tiny deterministic generator; Math.random would make pages unreproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
