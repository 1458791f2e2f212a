/**
 * The shipped mapping files, tested as data: they load through the real
 * loader (every mapped control exists, every kind is registered, params pass
 * the kind's schema), every monitoring-relevant control is covered, and the
 * ATT&CK ids and names they use exist in the shipped ATT&CK catalog.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AttackCatalog } from "../../src/catalogs/attack/schema.js";
import type { FrameworkCatalog } from "../../src/catalogs/schema.js";
import { loadAssessInputs, type AssessInputs } from "../../src/assess/load-inputs.js";
import type { RuleSelector } from "../../src/assess/selectors.js";

const FRAMEWORKS = ["pci-dss-4.0.1", "soc2-2017", "hipaa-security-rule", "datadog-baseline", "nist-800-53-rev5-moderate"];
let inputs: AssessInputs;
let attack: AttackCatalog;

beforeAll(async () => {
  inputs = await loadAssessInputs({ frameworks: [...FRAMEWORKS, "mitre-attack"], userDirs: [], attestationsFile: null });
  attack = inputs.attack!;
});

function selectorsOf(params: unknown): RuleSelector[] {
  const selector = (params as { selector?: RuleSelector }).selector;
  return selector === undefined ? [] : [selector];
}

describe("shipped mappings", () => {
  it("load for every shipped framework", () => {
    expect(Object.keys(inputs.mappings).sort()).toEqual([...FRAMEWORKS].sort());
  });

  for (const id of FRAMEWORKS) {
    describe(id, () => {
      const catalog = (): FrameworkCatalog => inputs.catalogs.find((candidate) => candidate.id === id)!;

      it("maps every monitoring-relevant control, or maps a child it rolls up", () => {
        const mapping = inputs.mappings[id]!;
        const children = new Map<string, string[]>();
        for (const control of catalog().controls) {
          if (control.parent !== null) children.set(control.parent, [...(children.get(control.parent) ?? []), control.id]);
        }
        const covered = (controlId: string): boolean =>
          mapping[controlId] !== undefined || (children.get(controlId) ?? []).some((child) => covered(child));
        const uncovered = catalog()
          .controls.filter((control) => control.monitoring_relevant && !covered(control.id))
          .map((control) => control.id);
        expect(uncovered).toEqual([]);
      });

      it("maps every monitoring-relevant leaf control directly", () => {
        const parents = new Set(catalog().controls.map((control) => control.parent));
        const unmapped = catalog()
          .controls.filter((control) => control.monitoring_relevant && !parents.has(control.id) && inputs.mappings[id]![control.id] === undefined)
          .map((control) => control.id);
        expect(unmapped).toEqual([]);
      });

      it("gives every check a one-line rationale", () => {
        for (const entries of Object.values(inputs.mappings[id]!)) {
          for (const entry of entries) expect(entry.rationale).toMatch(/^[^\n]{10,200}$/);
        }
      });

      it("uses only current ATT&CK techniques and known tactics in selectors", () => {
        const techniques = new Map(attack.techniques.map((technique) => [technique.id, technique]));
        const tactics = new Set(attack.tactics.flatMap((tactic) => [tactic.id, tactic.shortname]));
        for (const [controlId, entries] of Object.entries(inputs.mappings[id]!)) {
          for (const selector of entries.flatMap((entry) => selectorsOf(entry.params))) {
            for (const technique of selector.techniques ?? []) {
              const found = techniques.get(technique);
              expect(found, `${controlId}: ${technique}`).toBeDefined();
              expect(found!.revoked || found!.deprecated, `${controlId}: ${technique} is revoked or deprecated`).toBe(false);
            }
            for (const tactic of selector.tactics ?? []) expect(tactics.has(tactic), `${controlId}: ${tactic}`).toBe(true);
          }
        }
      });
    });
  }
});

describe("shipped ATT&CK source table", () => {
  it("names only log sources the ATT&CK catalog uses (older Data Source: Component names aside)", () => {
    const names = new Set(attack.techniques.flatMap((technique) => technique.log_sources.map((name) => name.toLowerCase())));
    const unknown = inputs.sourceMap.flatMap((row) => row.attack).filter((name) => !name.includes(": ") && !names.has(name.toLowerCase()));
    expect(unknown).toEqual([]);
  });

  it("maps the main cloud, identity, host and Workload Protection sources", () => {
    const attackNamesOf = (source: string) =>
      inputs.sourceMap.filter((row) => row.datadog.includes(source)).flatMap((row) => row.attack);
    expect(attackNamesOf("cloudtrail")).toContain("AWS:CloudTrail");
    expect(attackNamesOf("okta")).toContain("saas:okta");
    expect(attackNamesOf("windows.events")).toContain("WinEventLog:Security");
    expect(attackNamesOf("kubernetes.audit")).toContain("kubernetes:apiserver");
    const cws = inputs.sourceMap.filter((row) => row.workload_protection);
    expect(cws.flatMap((row) => row.attack)).toContain("ebpf:syscalls");
  });
});
