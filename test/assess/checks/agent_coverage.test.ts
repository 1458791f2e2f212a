import { runCheckTable } from "../check-table.js";
import { buildSnapshot, host, hosts } from "../fixtures/snapshot-builder.js";

const fleet = (good: number, bad: number, badFields: Parameters<typeof host>[1]) =>
  buildSnapshot({ agents: { hosts: [...hosts(good, "ok"), ...hosts(bad, "bad", badFields)] } });

runCheckTable("agent_coverage", {
  pass: [
    {
      name: "19 of 20 reporting hosts is exactly 95%",
      snapshot: fleet(19, 1, { minutesAgo: 120 }),
      messageId: "coverageMet",
      data: { covered: 19, total: 20, pct: 95, required_pct: 95, not_reporting: 1 },
      evidence: ["bad-1"],
      reasonCode: null,
      reasonContains:
        "19 of 20 hosts (95%) meet the agent requirements (reported in the last 60 minutes); required 95%",
    },
    {
      name: "a host that reported exactly 60 minutes ago counts",
      snapshot: buildSnapshot({ agents: { hosts: [host("edge", { minutesAgo: 60 })] } }),
      messageId: "coverageMet",
      data: { covered: 1 },
    },
    {
      name: "minimum version met exactly, and a later one",
      snapshot: buildSnapshot({
        agents: { hosts: [host("a", { agent_version: "7.50.0" }), host("b", { agent_version: "7.51.0-rc.1" })] },
      }),
      params: { min_agent_version: "7.50.0" },
      messageId: "coverageMet",
      data: { covered: 2 },
    },
  ],
  partial: [
    {
      name: "31 of 33 hosts is 93.9%, under 95%",
      snapshot: fleet(31, 2, { minutesAgo: 61 }),
      messageId: "coverageShort",
      data: { covered: 31, total: 33, pct: 93.9, not_reporting: 2, shortfalls: ["2 not reporting"] },
      reasonCode: "agents_missing",
    },
    {
      name: "Workload Protection required and off on some hosts",
      snapshot: fleet(3, 1, { cws_enabled: false }),
      params: { require_cws: true },
      messageId: "coverageShort",
      data: {
        covered: 3,
        cws_off: 1,
        requirements: ["reported in the last 60 minutes", "Workload Protection enabled"],
      },
    },
    {
      name: "older agent, missing security agent, CSPM off",
      snapshot: buildSnapshot({
        agents: {
          hosts: [
            host("ok"),
            host("old", { agent_version: "7.49.9" }),
            host("nosec", { has_security_agent: false }),
            host("nocspm", { cspm_enabled: false }),
          ],
        },
      }),
      params: { min_agent_version: "7.50", require_security_agent: true, require_cspm: true, min_share: 0.5 },
      messageId: "coverageShort",
      data: { covered: 1, outdated: 1, no_security_agent: 1, cspm_off: 1 },
      evidence: ["old", "nosec", "nocspm"],
    },
  ],
  fail: [
    {
      name: "no host reported in the window",
      snapshot: fleet(0, 3, { minutesAgo: null }),
      messageId: "noCoverage",
      data: { covered: 0, total: 3, not_reporting: 3 },
      reasonCode: "agents_missing",
    },
    {
      name: "an empty inventory",
      snapshot: buildSnapshot(),
      messageId: "noHosts",
      reasonCode: "agents_missing",
    },
  ],
  unknown: [
    {
      name: "agents collector failed",
      snapshot: buildSnapshot({ agents: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["agents"] },
    },
  ],
});
