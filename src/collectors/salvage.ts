/**
 * When the client rejects a whole response because one item is odd (a
 * missing required field throws for the entire call), deserialize the raw
 * items one at a time with the client's own serializer, so one bad item
 * does not lose the rest.
 */
import type { DatadogModule } from "../datadog/session.js";

export type SalvagedItem<T> = { ok: true; value: T; raw: unknown } | { ok: false; raw: unknown; error: string };

export function rawList(raw: unknown, key: string): unknown[] {
  if (raw && typeof raw === "object" && Array.isArray((raw as Record<string, unknown>)[key])) {
    return (raw as Record<string, unknown[]>)[key]!;
  }
  return [];
}

export function salvageItems<T>(
  dd: DatadogModule,
  api: "v1" | "v2",
  raw: unknown,
  key: string,
  modelName: string,
): SalvagedItem<T>[] {
  const serializer = dd[api].ObjectSerializer;
  return rawList(raw, key).map((item) => {
    try {
      return { ok: true as const, value: serializer.deserialize(item, modelName, "") as T, raw: item };
    } catch (error) {
      return { ok: false as const, raw: item, error: (error as Error).message };
    }
  });
}

/** True for what the client returns when it could not fully parse an item (an unknown enum value inside). */
export function isUnparsed(item: unknown): boolean {
  if (!item || typeof item !== "object") return true;
  const record = item as Record<string, unknown>;
  return record._unparsed === true || ("_data" in record && Object.keys(record).length === 1);
}

/**
 * A value as the server sent it: the client wraps what it cannot parse (an unknown enum value, a
 * oneOf variant it does not know, such as a newer archive destination) in an UnparsedObject.
 */
export function unwrapped(value: unknown): unknown {
  return value && typeof value === "object" && "_data" in value
    ? unwrapped((value as { _data: unknown })._data)
    : value;
}

/** A string field as the client gives it, unwrapped. */
export function plainText(value: unknown): string | null {
  const plain = unwrapped(value);
  return typeof plain === "string" ? plain : null;
}
