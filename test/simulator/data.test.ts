/**
 * The simulator's data files, checked as data, and its endpoint registry
 * checked against the folder (the id is the file name).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import agentRules from "../../src/simulator/data/agent-rules.json" with { type: "json" };
import attack from "../../src/simulator/data/attack-techniques.json" with { type: "json" };
import logSources from "../../src/simulator/data/log-sources.json" with { type: "json" };
import templates from "../../src/simulator/data/rule-templates.json" with { type: "json" };
import suppressions from "../../src/simulator/data/suppressions.json" with { type: "json" };
import { ENDPOINT_IDS } from "../../src/simulator/endpoint-ids.js";
import { ENDPOINTS } from "../../src/simulator/endpoints/index.js";
import { SEVERITIES } from "../../src/simulator/org/rules.js";

const techniques = new Map(attack.techniques.map((t) => [t.id, t]));
const tactics = new Set(attack.tactics.map((t) => t.shortname));
const RULE_TYPES = [
  "log_detection",
  "workload_security",
  "cloud_configuration",
  "infrastructure_configuration",
  "application_security",
  "signal_correlation",
];

describe("simulator data", () => {
  it("names MITRE as the source of the technique data", () => {
    expect(attack.$comment).toContain("Technique identifiers and names from MITRE ATT&CK®, © The MITRE Corporation");
  });

  it("copies technique names and tactics exactly as the project's ATT&CK import has them", () => {
    const imported = JSON.parse(
      readFileSync(new URL("../../frameworks/mitre-attack.json", import.meta.url), "utf8"),
    ) as {
      techniques: Array<{ id: string; name: string; tactics: string[] }>;
      tactics: Array<{ id: string; shortname: string }>;
    };
    const byId = new Map(imported.techniques.map((t) => [t.id, t]));
    for (const technique of attack.techniques) {
      expect(byId.get(technique.id)?.name, technique.id).toBe(technique.name);
      expect([...(byId.get(technique.id)?.tactics ?? [])].sort(), technique.id).toEqual([...technique.tactics].sort());
    }
    expect(attack.tactics.map((t) => `${t.id} ${t.shortname}`).sort()).toEqual(
      imported.tactics.map((t) => `${t.id} ${t.shortname}`).sort(),
    );
  });

  it("uses only known techniques, under one of their own tactics, in rule templates and agent rules", () => {
    const uses = [...templates.templates, ...agentRules.rules].filter((t) => "techniques" in t && t.techniques);
    expect(uses.length).toBeGreaterThan(100);
    for (const use of uses) {
      for (const id of use.techniques ?? []) {
        const technique = techniques.get(id);
        expect(technique, `${use.name}: ${id}`).toBeDefined();
        expect(technique?.tactics, `${use.name}: ${id}`).toContain(use.tactic);
        if (id.includes(".")) expect(techniques.has(id.split(".")[0] ?? "")).toBe(true);
      }
    }
    for (const technique of attack.techniques)
      for (const tactic of technique.tactics) expect(tactics.has(tactic)).toBe(true);
  });

  it("gives every rule template a known type and severities, and threat templates a tactic", () => {
    for (const template of templates.templates) {
      expect(RULE_TYPES, template.name).toContain(template.type);
      expect(SEVERITIES, template.name).toContain(template.severity);
      if ("escalation" in template) expect(SEVERITIES).toContain(template.escalation);
      const compliance = template.type.endsWith("_configuration");
      expect(Boolean(template.tactic), template.name).toBe(!compliance);
      if ("variants" in template) expect(template.name, template.name).toContain("{v}");
    }
  });

  it("links workload templates to agent rules, template sources to log sources, suppressions to rules", () => {
    const agentRuleNames = new Set(agentRules.rules.map((r) => r.name));
    const integrations = new Set(logSources.sources.map((s) => s.integration));
    for (const template of templates.templates) {
      if ("agentRule" in template) expect(agentRuleNames.has(template.agentRule ?? ""), template.name).toBe(true);
      if ("source" in template) expect(integrations.has(template.source ?? ""), template.name).toBe(true);
    }
    const names = new Set(
      templates.templates.flatMap((t) =>
        "variants" in t ? (t.variants ?? []).map((v) => t.name.replace("{v}", v)) : [t.name],
      ),
    );
    for (const suppression of suppressions.suppressions)
      expect(names.has(suppression.rule), suppression.rule).toBe(true);
  });
});

describe("endpoint registry", () => {
  it("has one module per endpoint id, named by the id, registered under it", () => {
    const files = readdirSync(new URL("../../src/simulator/endpoints/", import.meta.url))
      .filter((file) => file.endsWith(".ts"))
      .map((file) => file.replace(/\.ts$/, ""));
    const helpers = ["endpoint", "event-search", "index", "params"];
    expect(files.filter((f) => !helpers.includes(f)).sort()).toEqual(
      ENDPOINT_IDS.map((id) => id.replace(/_/g, "-")).sort(),
    );
    for (const id of ENDPOINT_IDS) expect(ENDPOINTS[id].id).toBe(id);
    const routes = ENDPOINT_IDS.map((id) => `${ENDPOINTS[id].method} ${ENDPOINTS[id].path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
