/**
 * The simulator's only source of randomness. Every value of the demo org is
 * drawn from a generator seeded by a hash of (seed, what, where), so any piece
 * (one hour of signals, one day of log volume) can be regenerated on its own,
 * in any order, with the same result. Math.random is never used.
 */

const FNV_PRIME = 0x01000193;
/** Digits of a whole number, least significant first: hashKey runs for every signal generated and every id written. */
const digitScratch = new Uint8Array(16);

/** FNV-1a over the characters of String(part), without making the string for whole numbers. */
function absorb(hash: number, part: string | number): number {
  let h = hash;
  if (typeof part === "number" && Number.isSafeInteger(part) && part >= 0) {
    let count = 0;
    let rest = part;
    do {
      digitScratch[count++] = rest % 10;
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    while (count > 0) {
      h ^= 0x30 + (digitScratch[--count] as number);
      h = Math.imul(h, FNV_PRIME);
    }
    return h;
  }
  const text = String(part);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** FNV-1a over the parts, then a murmur-style finaliser so near keys spread. */
export function hashKey(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = absorb(h, part);
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    h ^= 0xff;
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for demo data. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Random.pick: empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates on a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /**
   * A count with mean `mean`: Poisson by inversion for small means (exact
   * shape matters for the small demo), a rounded normal for large ones (the
   * inversion loop would be slow and the shape no longer matters).
   */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 40) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    const u1 = Math.max(this.next(), Number.EPSILON);
    const u2 = this.next();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(0, Math.round(mean + normal * Math.sqrt(mean)));
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

/** A generator for one named piece of the org, e.g. rngFor(seed, "signals", hour). */
export function rngFor(...parts: ReadonlyArray<string | number>): Random {
  return new Random(hashKey(...parts));
}

/** Index into a cumulative weight table (ascending, last = total). */
export function pickWeighted(cumulative: ArrayLike<number>, random: Random): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = random.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
