/** Id formats Datadog uses for rules, suppressions, dashboards and the like. */
import type { Random } from "../prng.js";

export function base36(random: Random, length: number): string {
  let out = "";
  while (out.length < length) out += random.int(0, 35).toString(36);
  return out;
}

/** `k3x-9ab-q0z`: rules, suppressions, notification rules, dashboards. */
export function threePartId(random: Random): string {
  return `${base36(random, 3)}-${base36(random, 3)}-${base36(random, 3)}`;
}

/** A version-4-shaped UUID. */
export function uuid(random: Random): string {
  const hex = random.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
