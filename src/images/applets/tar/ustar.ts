/**
 * The ustar archive format (POSIX.1-1988) with the GNU long-name records busybox tar writes and the
 * pax `path`/`linkpath`/`size` records Go's archive/tar (kubectl cp) may write: 512-byte headers,
 * octal numbers, data padded to the block. (busybox archival/tar.c writeTarHeader,
 * archival/libarchive/get_header_tar.c.)
 */

export const BLOCK = 512;

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  name: string;
  type: EntryType;
  mode: number;
  size: number;
  mtime: Date;
  linkname: string;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
}

const TYPEFLAG: Record<EntryType, string> = { file: '0', hardlink: '1', symlink: '2', dir: '5', other: '0' };

function putString(b: Buffer, offset: number, size: number, s: string): void {
  b.write(s, offset, Math.min(size, Buffer.byteLength(s)), 'utf8');
}

/** An octal field as busybox's PUT_OCTAL: zero-padded digits and a NUL; base-256 when it does not fit. */
function putOctal(b: Buffer, offset: number, size: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length <= size - 1) {
    b.write(digits.padStart(size - 1, '0'), offset, 'ascii');
    return;
  }
  // GNU base-256: binary, big-endian, the top bit set as the marker.
  let v = BigInt(value);
  for (let k = offset + size - 1; k >= offset; k--) {
    b[k] = Number(v & 0xffn);
    v >>= 8n;
  }
  b[offset] = (b[offset] as number) | 0x80;
}

function header(name: string, e: TarEntry, typeflag: string, size: number): Buffer {
  const b = Buffer.alloc(BLOCK);
  putString(b, 0, 100, name);
  putOctal(b, 100, 8, e.mode & 0o7777);
  putOctal(b, 108, 8, e.uid);
  putOctal(b, 116, 8, e.gid);
  putOctal(b, 124, 12, size);
  putOctal(b, 136, 12, Math.max(0, Math.floor(e.mtime.getTime() / 1000)));
  b.write(typeflag, 156, 'ascii');
  putString(b, 157, 100, e.linkname);
  b.write('ustar\0' + '00', 257, 'ascii');
  putString(b, 265, 32, e.uname);
  putString(b, 297, 32, e.gname);
  // The checksum counts its own field as eight spaces; stored as six digits, NUL, space.
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return b;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A GNU `././@LongLink` record carrying a name that does not fit in 100 bytes. */
function longName(kind: 'L' | 'K', text: string, e: TarEntry): Buffer {
  const data = Buffer.from(text + '\0', 'utf8');
  return Buffer.concat([
    header('././@LongLink', { ...e, mode: 0o644 }, kind, data.length),
    data,
    padding(data.length),
  ]);
}

/** The header block(s) of one entry; a regular file's data follows, then `padding(size)`. */
export function encodeEntry(e: TarEntry): Buffer {
  const parts: Buffer[] = [];
  // As GNU tar and busybox: the long link name goes before the long name.
  if (Buffer.byteLength(e.linkname) >= 100) parts.push(longName('K', e.linkname, e));
  if (Buffer.byteLength(e.name) > 100) parts.push(longName('L', e.name, e));
  parts.push(header(e.name, e, TYPEFLAG[e.type], e.type === 'file' ? e.size : 0));
  return Buffer.concat(parts);
}

export { padding };

/** Two zero blocks end an archive. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}

function getString(b: Buffer, offset: number, size: number): string {
  const field = b.subarray(offset, offset + size);
  const nul = field.indexOf(0);
  return (nul >= 0 ? field.subarray(0, nul) : field).toString('utf8');
}

function getNumber(b: Buffer, offset: number, size: number): number {
  if (((b[offset] as number) & 0x80) !== 0) {
    let v = BigInt((b[offset] as number) & 0x7f);
    for (let k = offset + 1; k < offset + size; k++) v = (v << 8n) | BigInt(b[k] as number);
    return Number(v);
  }
  const text = getString(b, offset, size).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('corrupted octal value in tar header');
  return parseInt(text, 8);
}

/** A broken archive, with busybox's words. */
export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

export interface RawHeader extends TarEntry {
  typeflag: string;
}

/** Decodes one header block; undefined for a zero block (the end). */
export function decodeHeader(b: Buffer): RawHeader | undefined {
  if (b.every((x) => x === 0)) return undefined;
  const magic = b.subarray(257, 262).toString('latin1');
  if (magic !== 'ustar' && !b.subarray(257, 263).every((x) => x === 0))
    throw new TarFormatError('invalid tar magic');
  let sum = 0;
  for (let k = 0; k < BLOCK; k++) sum += k >= 148 && k < 156 ? 0x20 : (b[k] as number);
  if (getNumber(b, 148, 8) !== sum) throw new TarFormatError('invalid tar header checksum');
  const typeflag = String.fromCharCode(b[156] as number) || '0';
  const prefix = magic === 'ustar' ? getString(b, 345, 155) : '';
  const name = getString(b, 0, 100);
  const type: EntryType =
    typeflag === '0' || typeflag === '\0' || typeflag === '7'
      ? 'file'
      : typeflag === '5'
        ? 'dir'
        : typeflag === '2'
          ? 'symlink'
          : typeflag === '1'
            ? 'hardlink'
            : 'other';
  return {
    typeflag,
    name: prefix ? `${prefix}/${name}` : name,
    type: type === 'file' && name.endsWith('/') ? 'dir' : type,
    mode: getNumber(b, 100, 8),
    uid: getNumber(b, 108, 8),
    gid: getNumber(b, 116, 8),
    size: getNumber(b, 124, 12),
    mtime: new Date(getNumber(b, 136, 12) * 1000),
    linkname: getString(b, 157, 100),
    uname: getString(b, 265, 32),
    gname: getString(b, 297, 32),
  };
}

/** The records of a pax extended header (`LEN key=value\n`…). */
export function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let k = 0;
  while (k < data.length) {
    const space = data.indexOf(0x20, k);
    if (space < 0) break;
    const len = parseInt(data.subarray(k, space).toString('ascii'), 10);
    if (!(len > 0)) break;
    const record = data.subarray(space + 1, k + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    k += len;
  }
  return out;
}
