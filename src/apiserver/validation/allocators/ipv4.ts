/** IPv4 address and CIDR arithmetic on 32-bit unsigned integers. */

export function parseIPv4(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

export const formatIPv4 = (n: number): string =>
  [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

export interface Cidr {
  /** As given, e.g. `127.96.0.0/12`. */
  text: string;
  base: number;
  size: number;
}

export function parseCidr(text: string): Cidr {
  const [ip = '', bitsText = ''] = text.split('/');
  const addr = parseIPv4(ip);
  const bits = Number(bitsText);
  if (addr === undefined || !/^\d+$/.test(bitsText) || bits < 0 || bits > 30)
    throw new TypeError(`invalid IPv4 CIDR ${JSON.stringify(text)} (need a.b.c.d/N with N <= 30)`);
  const size = 2 ** (32 - bits);
  return { text, base: addr - (addr % size), size };
}
