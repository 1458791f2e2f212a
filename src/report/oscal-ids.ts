/**
 * Identifiers in the OSCAL document. UUIDs are name-based (RFC 4122
 * version 5: SHA-1 of a fixed namespace and a stable name), so rendering the
 * same snapshot twice gives the same UUIDs and byte-identical files, while
 * two different collections never share one.
 *
 * OSCAL tokens must start with a letter or `_` and hold only letters,
 * digits, `.`, `-` and `_`; control ids such as `10.2.1` or `164.312(b)` do
 * not, so targets are named `<framework>_<control>` with anything else
 * turned into `_` (the original id travels in a `control-id` property).
 * Catalogs imported from OSCAL keep their own ids instead (oscal-targets.ts).
 */
import { createHash } from "node:crypto";

/** ddproof's namespace for OSCAL UUIDs; never change it, or every document's UUIDs change. */
export const OSCAL_UUID_NAMESPACE = "9283e0bd-0eef-4b00-9a09-7590a0807baa";

export function uuidV5(name: string, namespace = OSCAL_UUID_NAMESPACE): string {
  const hash = createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function oscalToken(framework: string, controlId: string): string {
  const token = `${framework}_${controlId}`.replace(/[^A-Za-z0-9._-]/g, "_");
  return /^[A-Za-z_]/.test(token) ? token : `_${token}`;
}
