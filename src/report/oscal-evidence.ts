/**
 * An OSCAL observation's `relevant-evidence`: the finding's evidence
 * references grouped by the pack file that holds them. Rules, hosts,
 * sources and signals point at their population CSV; attestation links
 * point at themselves; attestations point at assessment.json, where they
 * are recorded; anything else (indexes, archives, notification rules, …)
 * at snapshot.json.
 */
import type { EvidenceRef, EvidenceType } from "../assess/schema.js";
import type { Snapshot } from "../snapshot/schema.js";
import { evidencePopulation } from "./csv/populations/files.js";
import { ASSESSMENT_JSON } from "./formats/assessment-json.js";
import { SNAPSHOT_JSON } from "./formats/snapshot-json.js";

export interface RelevantEvidence {
  href: string;
  description: string;
}

const TYPE_LABELS: Record<EvidenceType, string> = {
  rule: "Rules",
  host: "Hosts",
  source: "Log sources",
  index: "Log indexes",
  archive: "Log archives",
  signals: "Signals",
  suppression: "Suppressions",
  notification_rule: "Notification rules",
  dashboard: "Dashboards",
  query_window: "Query window",
  attestation: "Attestations",
};

function hrefOf(ref: EvidenceRef, snapshot: Snapshot): string {
  if (ref.type === "attestation") return /^https?:\/\//i.test(ref.id) ? ref.id : ASSESSMENT_JSON;
  return evidencePopulation(ref.type, snapshot) ?? SNAPSHOT_JSON;
}

const shown = (ref: EvidenceRef) => (ref.label === undefined ? ref.id : `${ref.id} (${ref.label})`);

export function relevantEvidence(refs: readonly EvidenceRef[], snapshot: Snapshot): RelevantEvidence[] {
  // href → type → refs, both in the order first seen.
  const groups = new Map<string, Map<EvidenceType, EvidenceRef[]>>();
  for (const ref of refs) {
    const href = hrefOf(ref, snapshot);
    const byType = groups.get(href) ?? new Map<EvidenceType, EvidenceRef[]>();
    byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref]);
    groups.set(href, byType);
  }
  return [...groups].map(([href, byType]) => ({
    href,
    description: [...byType].map(([type, list]) => `${TYPE_LABELS[type]}: ${list.map(shown).join(", ")}`).join("; "),
  }));
}
