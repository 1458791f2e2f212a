/**
 * Datadog Agent versions (`7.50.3`, `7.52.0-rc.1`) compared by their numeric
 * parts. A pre-release counts as its release: the check asks whether the
 * features of that release are present, which a release candidate has.
 */
function numericParts(version: string): number[] | null {
  const match = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  return match ? match[1]!.split(".").map(Number) : null;
}

/** True when `version` is `minimum` or later; an unreadable version never is. */
export function versionAtLeast(version: string | null, minimum: string): boolean {
  if (version === null) return false;
  const have = numericParts(version);
  const want = numericParts(minimum);
  if (have === null || want === null) return false;
  for (let i = 0; i < Math.max(have.length, want.length); i += 1) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

export function isReadableVersion(version: string): boolean {
  return numericParts(version) !== null;
}
