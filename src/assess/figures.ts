/**
 * How measured shares are compared with requirements and shown in reasons.
 * Percentages are rounded down, so a reason never shows a figure that looks
 * like it meets a requirement the check says it misses.
 */

/** True when `count / total` reaches `required` (a 0–1 share); an empty population never does. */
export function meetsShare(count: number, total: number, required: number): boolean {
  if (total <= 0) return false;
  // Compare products, with a hair of tolerance, so 19/20 against 0.95 is not lost to float rounding.
  return count >= required * total - 1e-9;
}

/** A 0–1 share as a percentage rounded down to one decimal: 31/33 → 93.9. */
export function percent(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((count / total) * 1000 + 1e-9) / 10;
}

/** A 0–1 requirement as a percentage for messages: 0.95 → 95. */
export function requiredPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}
