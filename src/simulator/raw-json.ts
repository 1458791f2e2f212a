/**
 * JSON that is already encoded, for the items of big response bodies. A
 * signal page holds up to a thousand events: building their objects,
 * running JSON.stringify and encoding the text was most of the page's CPU,
 * so signals are written as bytes instead (json-writer.ts). The bytes must
 * be exactly Buffer.from(JSON.stringify(value)), so that what goes on the
 * wire does not depend on how an item was built.
 */

export class RawJson {
  constructor(readonly bytes: Buffer) {}

  /** The value the bytes stand for, to read or alter it. */
  parse(): Record<string, unknown> {
    return JSON.parse(this.bytes.toString("utf8")) as Record<string, unknown>;
  }
}

function holdsRawJson(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some((item) => item instanceof RawJson);
}

const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");
/** Between two raw items there is mostly just a comma: encoded once, not per item. */
const COMMA = utf8(",");
const COMMA_BYTE = 0x2c;

/** An array as JSON.stringify writes it, with RawJson items copied in as they are. */
function writeArray(items: readonly unknown[], parts: Buffer[], before: string): string {
  let text = `${before}[`;
  items.forEach((item, index) => {
    if (index > 0) text += ",";
    if (item instanceof RawJson) {
      parts.push(text === "," ? COMMA : utf8(text), item.bytes);
      text = "";
    } else {
      // Items without a JSON form (undefined, functions) are written as null.
      text += (JSON.stringify(item) as string | undefined) ?? "null";
    }
  });
  return `${text}]`;
}

/**
 * Buffer.from(JSON.stringify(body)), except that RawJson items of the body's
 * top-level arrays (a page's `data`) are copied in as they are. A body
 * without any goes through JSON.stringify whole.
 */
export function serializeBody(body: Record<string, unknown>): Buffer {
  if (!Object.values(body).some(holdsRawJson)) return utf8(JSON.stringify(body));
  const parts: Buffer[] = [];
  // JSON text not yet encoded: what comes between the raw items.
  let text = "";
  let members = 0;
  for (const [key, value] of Object.entries(body)) {
    const head = `${members === 0 ? "{" : ","}${JSON.stringify(key)}:`;
    if (holdsRawJson(value)) {
      text = writeArray(value, parts, text + head);
      members++;
      continue;
    }
    const json = JSON.stringify(value) as string | undefined;
    // Members without a JSON form are left out.
    if (json === undefined) continue;
    text += head + json;
    members++;
  }
  parts.push(utf8(members === 0 ? "{}" : `${text}}`));
  return concat(parts);
}

/** Buffer.concat, with the one-byte commas between items written in place rather than copied. */
function concat(parts: readonly Buffer[]): Buffer {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const part of parts) {
    if (part === COMMA) out[at++] = COMMA_BYTE;
    else {
      out.set(part, at);
      at += part.length;
    }
  }
  return out;
}
