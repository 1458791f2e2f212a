/**
 * The Datadog sites the official client knows (`server1`'s `site`
 * variable). DD_SITE alone builds `https://api.<site>`, so a typo would send
 * the keys to whatever answers at that name: an unknown site is refused, with
 * the nearest known one suggested. The list is compared with the client's
 * own type in `src/datadog/known-sites.ts` (kept there so that config, which
 * `assess` reads, never reaches the client, not even for a type).
 */

export const DATADOG_SITES = [
  "datadoghq.com",
  "us3.datadoghq.com",
  "us5.datadoghq.com",
  "ap1.datadoghq.com",
  "ap2.datadoghq.com",
  "uk1.datadoghq.com",
  "datadoghq.eu",
  "ddog-gov.com",
  "us2.ddog-gov.com",
] as const;

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known site closest to `site`. */
export function nearestSite(site: string): string {
  return [...DATADOG_SITES].sort((a, b) => editDistance(site, a) - editDistance(site, b))[0]!;
}

/** Null when the site is known; otherwise what is wrong, with a suggestion. */
export function siteProblem(site: string): string | null {
  if ((DATADOG_SITES as readonly string[]).includes(site)) return null;
  return `"${site}" is not a Datadog site; did you mean ${nearestSite(site)}? Known sites: ${DATADOG_SITES.join(", ")} (for any other address use --api-url)`;
}
