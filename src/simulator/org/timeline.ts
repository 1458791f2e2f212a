/**
 * A lazily generated stream of timestamped items (signals, audit events):
 * time is cut into fixed buckets, each bucket's item times come from a
 * generator seeded by the bucket, and an item is named by its position
 * (bucket, index in time order). Nothing but a few recent buckets' offsets
 * is ever held in memory.
 */
import { hashKey } from "../prng.js";

export interface TimelinePosition {
  bucket: number;
  index: number;
}

export abstract class Timeline {
  private readonly offsetCache = new Map<number, number[]>();

  /**
   * @param bucketMs bucket length
   * @param firstBucket first bucket with items (retention)
   * @param nowMs nothing exists at or after the org's now
   */
  protected constructor(
    readonly bucketMs: number,
    readonly firstBucket: number,
    readonly nowMs: number,
  ) {}

  get lastBucket(): number {
    return Math.floor(this.nowMs / this.bucketMs);
  }

  /** Sorted ms offsets of every item of the whole bucket, ignoring now. */
  protected abstract generateOffsets(bucket: number): number[];

  /** Items in a whole bucket, ignoring now; override when cheaper than the offsets. */
  protected bucketTotal(bucket: number): number {
    return this.generateOffsets(bucket).length;
  }

  /** Sorted offsets of the bucket's items before now (empty outside retention). */
  offsets(bucket: number): number[] {
    if (bucket < this.firstBucket || bucket > this.lastBucket) return [];
    const cached = this.offsetCache.get(bucket);
    if (cached) return cached;
    const offsets = this.generateOffsets(bucket);
    const limit = this.nowMs - bucket * this.bucketMs;
    const visible = limit < this.bucketMs ? offsets.filter((o) => o < limit) : offsets;
    if (this.offsetCache.size > 256) this.offsetCache.clear();
    this.offsetCache.set(bucket, visible);
    return visible;
  }

  timestampAt(position: TimelinePosition): number {
    return position.bucket * this.bucketMs + (this.offsets(position.bucket)[position.index] ?? 0);
  }

  /** Exact number of items with a timestamp in [fromMs, toMs). */
  count(fromMs: number, toMs: number): number {
    const end = Math.min(toMs, this.nowMs);
    if (end <= fromMs) return 0;
    let total = 0;
    const last = Math.floor((end - 1) / this.bucketMs);
    for (let bucket = Math.max(Math.floor(fromMs / this.bucketMs), this.firstBucket); bucket <= last; bucket++) {
      const start = bucket * this.bucketMs;
      if (start >= fromMs && start + this.bucketMs <= end) {
        total += this.bucketTotal(bucket);
      } else {
        total += this.offsets(bucket).filter((o) => start + o >= fromMs && start + o < end).length;
      }
    }
    return total;
  }

  /**
   * Positions in time order (ascending, or descending), from `start`
   * (inclusive) on, of items with a timestamp in [fromMs, toMs).
   */
  *positions(fromMs: number, toMs: number, descending: boolean, start?: TimelinePosition): Generator<TimelinePosition> {
    const first = Math.max(Math.floor(fromMs / this.bucketMs), this.firstBucket);
    const last = Math.min(Math.floor((Math.max(fromMs, toMs) - 1) / this.bucketMs), this.lastBucket);
    const step = descending ? -1 : 1;
    for (
      let bucket = start?.bucket ?? (descending ? last : first);
      descending ? bucket >= first : bucket <= last;
      bucket += step
    ) {
      if (bucket < first || bucket > last) continue;
      const offsets = this.offsets(bucket);
      const base = bucket * this.bucketMs;
      let index = descending ? offsets.length - 1 : 0;
      if (start && bucket === start.bucket)
        index = descending ? Math.min(start.index, offsets.length - 1) : start.index;
      for (; descending ? index >= 0 : index < offsets.length; index += step) {
        const time = base + (offsets[index] as number);
        if (time >= fromMs && time < toMs) yield { bucket, index };
      }
    }
  }
}

const BASE64URL = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"].map((c) => c.charCodeAt(0));
const idCodes = new Array<number>(16);

/** Base64url of three big-endian 32-bit words: 12 bytes, 16 characters, no padding. */
function base64urlOfWords(a: number, b: number, c: number): string {
  // 24 bits at a time: bytes 0-2, 3-5, 6-8 and 9-11 of a‖b‖c.
  const groups = [a >>> 8, ((a & 0xff) << 16) | (b >>> 16), ((b & 0xffff) << 8) | (c >>> 24), c & 0xffffff];
  groups.forEach((group, g) => {
    for (let k = 0; k < 4; k++) idCodes[4 * g + k] = BASE64URL[(group >>> (18 - 6 * k)) & 63] as number;
  });
  return String.fromCharCode(...idCodes);
}

/**
 * Item ids look like Datadog's (a prefix and a base64 token) and carry their
 * position, with a seeded check so that ids of another org or seed are refused.
 * Written without a Buffer: every signal on a page gets one.
 */
export function encodePositionId(prefix: string, seed: number, position: TimelinePosition): string {
  return (
    prefix +
    base64urlOfWords(
      position.bucket >>> 0,
      position.index >>> 0,
      hashKey(seed, prefix, position.bucket, position.index),
    )
  );
}

/** The position an id names, or null when it is not an id of this kind, org and seed. */
export function decodePositionId(prefix: string, seed: number, id: string): TimelinePosition | null {
  if (!id.startsWith(prefix)) return null;
  const bytes = Buffer.from(id.slice(prefix.length), "base64url");
  if (bytes.length !== 12) return null;
  const position = { bucket: bytes.readUInt32BE(0), index: bytes.readUInt32BE(4) };
  return bytes.readUInt32BE(8) === hashKey(seed, prefix, position.bucket, position.index) ? position : null;
}
