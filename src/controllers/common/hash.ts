/**
 * The pod-template-hash: FNV-32a over the template and the collision count, printed in decimal and
 * passed through SafeEncodeString (k8s: pkg/controller/controller_utils.go ComputeHash;
 * staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go SafeEncodeString). Go hashes a spew dump of
 * the struct, which TypeScript cannot reproduce byte for byte, so we hash canonical JSON instead: the
 * alphabet, length and stability are the same, the exact value is not.
 */
import { canonicalJson } from './equality.ts';

// rand.go: "We omit vowels from the set of available characters to reduce the chances of 'bad words'
// being formed", and 0/1/3 to avoid confusion with o/l/e.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** ComputeHash(template, collisionCount). */
export function computeHash(template: unknown, collisionCount?: number): string {
  const text = new TextEncoder().encode(canonicalJson(template));
  let bytes = text;
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32(collisionCountBytes, uint32(*collisionCount))
    bytes = new Uint8Array(text.length + 4);
    bytes.set(text);
    new DataView(bytes.buffer).setUint32(text.length, collisionCount >>> 0, true);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}
