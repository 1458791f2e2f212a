/**
 * Tallies a population against a list of requirements: how many items meet
 * all of them, how many miss each one, and which items miss what (named with
 * the check's own labels). agent_coverage and suppression_hygiene judge
 * hosts and suppressions this way.
 */
import type { EvidenceRef, EvidenceType } from "./schema.js";

export interface ShortfallTally<P extends string> {
  /** Items that miss nothing. */
  ok: number;
  /** Items missing each requirement. */
  counts: Record<P, number>;
  /** One evidence reference per item that misses something, labelled with what. */
  evidence: EvidenceRef[];
}

export function tallyShortfalls<T, P extends string>(
  items: readonly T[],
  labels: Readonly<Record<P, string>>,
  problemsOf: (item: T) => P[],
  refOf: (item: T) => { type: EvidenceType; id: string; name?: string },
): ShortfallTally<P> {
  const counts = Object.fromEntries(Object.keys(labels).map((key) => [key, 0])) as Record<P, number>;
  const evidence: EvidenceRef[] = [];
  let ok = 0;
  for (const item of items) {
    const problems = problemsOf(item);
    problems.forEach((problem) => (counts[problem] += 1));
    if (problems.length === 0) {
      ok += 1;
      continue;
    }
    const { type, id, name } = refOf(item);
    const missing = problems.map((problem) => labels[problem]).join(", ");
    evidence.push({ type, id, label: name === undefined ? missing : `${name} (${missing})` });
  }
  return { ok, counts, evidence };
}

/** The non-zero counts in words: `["2 not reporting", "1 CSPM off"]`. */
export function describeShortfalls<P extends string>(
  tally: ShortfallTally<P>,
  labels: Readonly<Record<P, string>>,
): string[] {
  return (Object.keys(labels) as P[])
    .filter((key) => tally.counts[key] > 0)
    .map((key) => `${tally.counts[key]} ${labels[key]}`);
}
