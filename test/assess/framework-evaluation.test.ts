/** evaluateFramework on hand-built catalogs: own checks before children, labels, informational notes. */
import { describe, expect, it } from "vitest";
import type { Attestation } from "../../src/assess/attestations.js";
import { evaluateFramework, unmappedFinding } from "../../src/assess/evaluate-framework.js";
import { MappingEntry } from "../../src/assess/mapping-schema.js";
import { FrameworkCatalog } from "../../src/catalogs/schema.js";
import { Thresholds } from "../../src/config/schema.js";
import { attestation } from "./fixtures/catalogs.js";
import { buildSnapshot, lastDays, logSources, sourceVolume } from "./fixtures/snapshot-builder.js";

/** A parent mapped itself (1) with one child (1.1), and a labelled leaf (2). */
const CATALOG = FrameworkCatalog.parse({
  id: "own-fw",
  name: "Own checks framework",
  version: "2.0",
  publisher: "ddproof tests",
  text_policy: "test text",
  source: { description: "hand-built" },
  controls: [
    { id: "1", title: "Parent with its own check", parent: null, kind: "requirement", monitoring_relevant: true },
    { id: "1.1", title: "Child", parent: "1", kind: "requirement", monitoring_relevant: true },
    { id: "2", label: "CC2", title: "Labelled leaf", parent: null, kind: "requirement", monitoring_relevant: false },
  ],
});

const logSourceEntry = MappingEntry.parse({
  kind: "log_source",
  params: { sources: ["cloudtrail"] },
  rationale: "Cloud audit logs arrive.",
});
const manualEntry = MappingEntry.parse({ kind: "manual", rationale: "Attest it." });
const ingesting = buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))) });

function evaluate(mapping: Record<string, MappingEntry[]>, attestations: Attestation[] = [], snapshot = ingesting) {
  return evaluateFramework({
    catalog: CATALOG,
    mapping,
    attestations,
    snapshot,
    ctx: { thresholds: Thresholds.parse({}) },
  });
}

describe("evaluating a framework", () => {
  it("judges a mapped parent by its own checks, not by its children", () => {
    const result = evaluate({ "1": [logSourceEntry] });
    const parent = result.controls.find((control) => control.id === "1")!;
    expect(parent.status).toBe("pass");
    expect(parent.status_from).toBe("own");
    expect(parent.findings.map((finding) => finding.check)).toEqual(["log_source"]);
    expect(result.controls.find((control) => control.id === "1.1")!.status).toBe("manual");
  });

  it("keeps a control's label, and adds none to a control without one", () => {
    const result = evaluate({});
    const labelled = result.controls.find((control) => control.id === "2")!;
    expect(labelled.label).toBe("CC2");
    const plain = result.controls.find((control) => control.id === "1.1")!;
    expect(Object.keys(plain)).toEqual([
      "id",
      "title",
      "parent",
      "monitoring_relevant",
      "status",
      "status_from",
      "findings",
      "attestations",
    ]);
    expect(result).toMatchObject({ id: "own-fw", name: "Own checks framework", version: "2.0" });
  });

  it("leaves an expired attestation's note out of the control's status", () => {
    const expired = attestation("own-fw", "2", "evidence", "2026-01-01", "2026-06-30");
    const result = evaluate({ "2": [logSourceEntry] }, [expired]);
    const control = result.controls.find((candidate) => candidate.id === "2")!;
    expect(control.findings.map((finding) => [finding.check, finding.status, finding.informational])).toEqual([
      ["log_source", "pass", false],
      ["attestation", "manual", true],
    ]);
    expect(control.status).toBe("pass");
    expect(control.status_from).toBe("own");
  });

  it("says when the status comes from an attestation", () => {
    const accepted = attestation("own-fw", "2", "risk_acceptance", "2026-09-01", "2026-12-31");
    const control = evaluate({ "2": [manualEntry] }, [accepted]).controls.find((candidate) => candidate.id === "2")!;
    expect([control.status, control.status_from]).toEqual(["accepted", "attestation"]);
  });

  it("refuses a mapping whose check kind is not registered", () => {
    const bogus = { kind: "bogus_kind", params: {}, rationale: "x" } as unknown as MappingEntry;
    expect(() => evaluate({ "2": [bogus] })).toThrow('mapping uses unregistered check kind "bogus_kind"');
  });

  it("reports an unmapped control as a manual finding awaiting attestation", () => {
    expect(unmappedFinding()).toEqual({
      check: "manual",
      status: "manual",
      reason: "No automated evidence mapped; needs a person's attestation",
      evidence: [],
      message_id: "noMapping",
      data: {},
      reason_code: "attestation_missing",
      rationale: null,
      informational: false,
    });
  });
});
