/**
 * Time expressions the search endpoints accept in `filter.from` / `filter.to`:
 * ISO 8601 date-times, epoch milliseconds, and Datadog's date math
 * (`now`, `now-15m`, `now-7d`, `now+1h`; units s, m, h, d, w).
 */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Epoch ms, or null when the text is not a time this simulator understands. */
export function parseTimeExpression(value: unknown, nowMs: number): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") return null;
  const text = value.trim();
  const math = /^now(?:([+-])(\d+)([smhdw]))?$/.exec(text);
  if (math) {
    const [, sign, amount, unit] = math;
    if (!sign || !amount || !unit) return nowMs;
    return nowMs + (sign === "-" ? -1 : 1) * Number(amount) * (UNIT_MS[unit] ?? 0);
  }
  if (/^\d{10,}$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}
