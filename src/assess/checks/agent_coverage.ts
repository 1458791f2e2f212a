/**
 * agent_coverage — the share of hosts whose agent meets every requirement:
 * reported recently (before the snapshot's collection time), and, when asked,
 * a minimum agent version, the security agent, Workload Protection (CWS) and
 * Cloud Security Posture (CSPM).
 */
import { z } from "zod";
import type { AgentHost, Snapshot } from "../../snapshot/schema.js";
import { isReadableVersion, versionAtLeast } from "../agent-version.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import { meetsShare, percent, requiredPercent } from "../figures.js";
import { describeShortfalls, tallyShortfalls } from "../shortfalls.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "agent_coverage",
  description:
    "Measure the share of hosts whose agent reports recently and runs the required version and security products.",
  reads: ["agents"],
  messages: {
    coverageMet:
      "{{covered}} of {{total}} hosts ({{pct}}%) meet the agent requirements ({{requirements}}); required {{required_pct}}%",
    coverageShort:
      "{{covered}} of {{total}} hosts ({{pct}}%) meet the agent requirements ({{requirements}}); required {{required_pct}}%. Short: {{shortfalls}}",
    noCoverage: "None of the {{total}} hosts meets the agent requirements ({{requirements}}). Short: {{shortfalls}}",
    noHosts: "The agent inventory lists no hosts, so no agent coverage can be shown",
  },
} as const;

export const params = z
  .object({
    /** Share of hosts (0–1) that must meet every requirement. */
    min_share: z.number().min(0).max(1).default(0.95),
    /** A host must have reported within this many minutes before collection. */
    reporting_within_minutes: z.number().positive().default(60),
    /** Lowest acceptable agent version, e.g. `7.50.0`; not checked when absent. */
    min_agent_version: z.string().refine(isReadableVersion, "expected a version such as 7.50.0").optional(),
    require_security_agent: z.boolean().default(false),
    require_cws: z.boolean().default(false),
    require_cspm: z.boolean().default(false),
  })
  .strict();
export type Params = z.infer<typeof params>;

type Shortfall = "not_reporting" | "outdated" | "no_security_agent" | "cws_off" | "cspm_off";

/** How each shortfall is named in reasons. */
const SHORTFALL_LABELS: Record<Shortfall, string> = {
  not_reporting: "not reporting",
  outdated: "agent too old",
  no_security_agent: "no security agent",
  cws_off: "Workload Protection off",
  cspm_off: "CSPM off",
};

function shortfallsOf(host: AgentHost, p: Params, reportedSinceMs: number): Shortfall[] {
  const found: Shortfall[] = [];
  // Snapshot timestamps are ISO with an offset, so Date.parse reads them exactly (and fast: tens of thousands of hosts).
  if (host.last_reported_at === null || Date.parse(host.last_reported_at) < reportedSinceMs) {
    found.push("not_reporting");
  }
  if (p.min_agent_version !== undefined && !versionAtLeast(host.agent_version, p.min_agent_version))
    found.push("outdated");
  if (p.require_security_agent && !host.has_security_agent) found.push("no_security_agent");
  if (p.require_cws && !host.cws_enabled) found.push("cws_off");
  if (p.require_cspm && !host.cspm_enabled) found.push("cspm_off");
  return found;
}

function requirementsText(p: Params): string[] {
  const parts = [`reported in the last ${p.reporting_within_minutes} minutes`];
  if (p.min_agent_version !== undefined) parts.push(`agent ${p.min_agent_version} or later`);
  if (p.require_security_agent) parts.push("security agent running");
  if (p.require_cws) parts.push("Workload Protection enabled");
  if (p.require_cspm) parts.push("CSPM enabled");
  return parts;
}

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const { hosts } = partData(snapshot, "agents");
  const requirements = requirementsText(p);
  if (hosts.length === 0) return checkResult("fail", "noHosts", { total: 0, requirements }, [], "agents_missing");

  const reportedSinceMs = Date.parse(snapshot.collected_at) - p.reporting_within_minutes * 60_000;
  const tally = tallyShortfalls(
    hosts,
    SHORTFALL_LABELS,
    (host) => shortfallsOf(host, p, reportedSinceMs),
    (host) => ({ type: "host", id: host.hostname }),
  );
  const covered = tally.ok;
  const figures = {
    covered,
    total: hosts.length,
    pct: percent(covered, hosts.length),
    required_pct: requiredPercent(p.min_share),
    requirements,
    shortfalls: describeShortfalls(tally, SHORTFALL_LABELS),
    ...tally.counts,
  };
  const short = tally.evidence;
  if (meetsShare(covered, hosts.length, p.min_share)) return checkResult("pass", "coverageMet", figures, short);
  if (covered > 0) return checkResult("partial", "coverageShort", figures, short, "agents_missing");
  return checkResult("fail", "noCoverage", figures, short, "agents_missing");
}
