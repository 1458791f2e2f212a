/**
 * Writes JSON straight into bytes, item after item, for search pages (see
 * raw-json.ts). Items are cut from large shared chunks, like Node's buffer
 * pool: a finished item's bytes are never written again, and a chunk is
 * freed once no item refers to it. Every value is written exactly as
 * JSON.stringify would write it.
 */
import { RawJson } from "./raw-json.js";

const CHUNK_BYTES = 1 << 20;

export class JsonWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  /** Where the item being written starts in `chunk`. */
  private start = 0;
  /** The next byte to write. */
  private end = 0;

  /** Starts an item, dropping whatever an unfinished one left behind. */
  begin(): void {
    this.end = this.start;
  }

  /** The item written since begin(). */
  finish(): RawJson {
    const item = new RawJson(this.chunk.subarray(this.start, this.end));
    this.start = this.end;
    return item;
  }

  /** JSON text as it is (keys, punctuation, values already serialised). */
  raw(text: string): void {
    this.reserve(text.length);
    const chunk = this.chunk;
    let at = this.end;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.rawUtf8(text);
        return;
      }
      chunk[at++] = code;
    }
    this.end = at;
  }

  /** Bytes from a JSON text encoded once (Buffer.from(text)), for parts many items share. */
  bytes(encoded: Uint8Array): void {
    this.reserve(encoded.length);
    this.chunk.set(encoded, this.end);
    this.end += encoded.length;
  }

  /** A string value, quoted and escaped like JSON.stringify. */
  string(value: string): void {
    this.reserve(value.length + 2);
    const chunk = this.chunk;
    let at = this.end;
    chunk[at++] = 0x22;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      // Anything JSON.stringify would escape, and non-ASCII: leave it to JSON.stringify.
      if (code < 0x20 || code === 0x22 || code === 0x5c || code >= 0x7f) {
        this.raw(JSON.stringify(value));
        return;
      }
      chunk[at++] = code;
    }
    chunk[at++] = 0x22;
    this.end = at;
  }

  /** A number, like JSON.stringify (whole non-negative numbers without making a string). */
  number(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      this.raw(JSON.stringify(value));
      return;
    }
    let digits = 1;
    for (let power = 10; power <= value; power *= 10) digits++;
    this.reserve(digits);
    let at = this.end + digits;
    let rest = value;
    do {
      this.chunk[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    this.end += digits;
  }

  private rawUtf8(text: string): void {
    this.reserve(Buffer.byteLength(text, "utf8"));
    this.end += this.chunk.write(text, this.end, "utf8");
  }

  /** Room for `bytes` more bytes; an item that outgrows its chunk moves to a new one. */
  private reserve(bytes: number): void {
    if (this.end + bytes <= this.chunk.length) return;
    const written = this.end - this.start;
    const next = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, 2 * (written + bytes)));
    this.chunk.copy(next, 0, this.start, this.end);
    this.chunk = next;
    this.start = 0;
    this.end = written;
  }
}
