/**
 * Orders control and technique ids the way people read them: `2.1` before
 * `10.2.1`, `T1110` before `T1110.001`. Hand-rolled instead of
 * `localeCompare(…, { numeric: true })` so the order never depends on the ICU
 * data a Node build carries, and rendered files stay byte-identical anywhere.
 */
const RUNS = /\d+|\D+/g;

function compareRuns(a: string, b: string): number {
  const aDigits = /^\d/.test(a);
  const bDigits = /^\d/.test(b);
  if (aDigits && bDigits) {
    const byValue = Number(a) - Number(b);
    if (byValue !== 0) return Math.sign(byValue);
    // `01` and `1` are the same number: the shorter spelling first, so the order is total.
    return a.length - b.length;
  }
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function compareIds(a: string, b: string): number {
  const aRuns = a.match(RUNS) ?? [];
  const bRuns = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(aRuns.length, bRuns.length); i += 1) {
    const order = compareRuns(aRuns[i]!, bRuns[i]!);
    if (order !== 0) return order;
  }
  return aRuns.length - bRuns.length;
}

/** Plain code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
