/**
 * The layer against the Navigator layer format 4.5 as MITRE documents it
 * (LAYERFORMATv4_5.md): required fields, ID patterns, the gradient rule
 * (at least two colours, maxValue > minValue) and the shapes of techniques,
 * legend items and metadata. The schema is written from the format, not
 * from the renderer, so it catches the renderer drifting.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { format as attackLayerFormat, buildAttackLayer } from "../../../src/report/formats/attack-layer.js";
import { attestation } from "../../assess/fixtures/catalogs.js";
import { fileText, reportInput } from "./fixtures/report-input.js";

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const Metadata = z.array(
  z.union([
    z.object({ name: z.string().min(1), value: z.string() }).strict(),
    z.object({ divider: z.boolean() }).strict(),
  ]),
);

const LayerV45 = z
  .object({
    name: z.string().min(1),
    versions: z
      .object({
        attack: z.string().regex(/^\d+$/),
        navigator: z.string().regex(/^\d+\.\d+\.\d+$/),
        layer: z.literal("4.5"),
      })
      .strict(),
    domain: z.enum(["enterprise-attack", "mobile-attack", "ics-attack"]),
    description: z.string(),
    filters: z
      .object({ platforms: z.array(z.string().min(1)) })
      .strict()
      .optional(),
    sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    layout: z
      .object({
        layout: z.enum(["side", "flat", "mini"]),
        showID: z.boolean(),
        showName: z.boolean(),
        showAggregateScores: z.boolean(),
        countUnscored: z.boolean(),
        aggregateFunction: z.enum(["average", "min", "max", "sum"]),
        expandedSubtechniques: z.enum(["none", "all", "annotated"]),
      })
      .strict(),
    hideDisabled: z.boolean(),
    techniques: z.array(
      z
        .object({
          techniqueID: z.string().regex(/^T\d{4}(\.\d{3})?$/),
          tactic: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
          score: z.number(),
          color: HexColor.optional(),
          comment: z.string(),
          enabled: z.boolean(),
          metadata: Metadata,
          showSubtechniques: z.boolean(),
        })
        .strict(),
    ),
    gradient: z
      .object({ colors: z.array(HexColor).min(2), minValue: z.number(), maxValue: z.number() })
      .strict()
      .refine((g) => g.maxValue > g.minValue),
    legendItems: z.array(z.object({ label: z.string().min(1), color: HexColor }).strict()),
    showTacticRowBackground: z.boolean(),
    tacticRowBackground: HexColor,
    selectTechniquesAcrossTactics: z.boolean(),
    selectSubtechniquesWithParent: z.boolean(),
    selectVisibleTechniques: z.boolean(),
    metadata: Metadata,
  })
  .strict();

async function renderedLayer(input = reportInput()) {
  const files = await attackLayerFormat.render(input);
  expect(files.map((file) => file.path)).toEqual(["attack-layer.json"]);
  return { text: await fileText(files[0]!), layer: LayerV45.parse(JSON.parse(await fileText(files[0]!))) };
}

describe("attack-layer.json", () => {
  it("follows layer format 4.5 for Navigator 4.9+ and ATT&CK's major version", async () => {
    const { layer } = await renderedLayer();
    expect(layer.versions).toEqual({ attack: "18", navigator: "4.9.1", layer: "4.5" });
    expect(layer.domain).toBe("enterprise-attack");
    expect(layer.name).toBe("ATT&CK coverage: Test org, 2026-Q3");
    expect(layer.filters).toEqual({ platforms: ["IaaS", "Linux", "Windows"] });
  });

  it("has one entry per technique and tactic, scored 0–5, revoked techniques left out", async () => {
    const { layer } = await renderedLayer();
    expect(layer.techniques.map((entry) => `${entry.techniqueID}/${entry.tactic}=${entry.score}`)).toEqual([
      "T1059/execution=2",
      "T1078/initial-access=3",
      "T1110/credential-access=4",
      "T1110.001/credential-access=0",
      "T1566/initial-access=0",
    ]);
    const pairs = layer.techniques.map((entry) => `${entry.techniqueID}/${entry.tactic}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(layer.techniques.every((entry) => entry.enabled)).toBe(true);
  });

  it("names the rules behind a score in the comment and metadata", async () => {
    const { layer } = await renderedLayer();
    const bruteForce = layer.techniques.find((entry) => entry.techniqueID === "T1110")!;
    expect(bruteForce.comment).toBe(
      "Validated (score 4): Covered at score 4: 1 effective rule(s), 1 fired in the period. " +
        "Enabled: Brute force on Windows (r-brute). Effective: Brute force on Windows (r-brute). Fired: Brute force on Windows (r-brute).",
    );
    expect(bruteForce.metadata).toEqual([
      { name: "Reason", value: "Covered" },
      { name: "Enabled rules", value: "Brute force on Windows (r-brute)" },
      { name: "Effective rules", value: "Brute force on Windows (r-brute)" },
      { name: "Fired rules", value: "Brute force on Windows (r-brute)" },
      { name: "Visible sources", value: "windows.security" },
      { name: "ATT&CK log sources", value: "WinEventLog:Security" },
    ]);
    expect(layer.techniques.find((entry) => entry.techniqueID === "T1566")!.comment).toBe(
      "No coverage (score 0): Only disabled rules detect this technique; ingesting sources that can see it: none. No enabled rule.",
    );
  });

  it("shows sub-techniques only under a parent with a scored sub-technique", async () => {
    const { layer } = await renderedLayer();
    expect(layer.techniques.filter((entry) => entry.showSubtechniques).map((entry) => entry.techniqueID)).toEqual([]);
    const okta = await renderedLayer(
      reportInput({
        parts: {
          log_sources: {
            period_days: 92,
            sources: [
              { source: "okta", days: [{ date: "2026-09-30", count: 1 }], total: 1, last_seen: "2026-09-30T00:00:00Z" },
            ],
          },
        },
      }),
    );
    expect(okta.layer.techniques.filter((entry) => entry.showSubtechniques).map((entry) => entry.techniqueID)).toEqual([
      "T1110",
    ]);
  });

  it("maps scores 0–5 exactly onto a six-colour gradient with a legend per score", async () => {
    const { layer } = await renderedLayer();
    expect(layer.gradient.minValue).toBe(0);
    expect(layer.gradient.maxValue).toBe(5);
    expect(layer.gradient.colors).toHaveLength(6);
    expect(layer.legendItems.map((item) => item.label)).toEqual([
      "0: No coverage",
      "1: Visibility only",
      "2: Paper coverage",
      "3: Effective",
      "4: Validated",
      "5: Operated",
    ]);
    expect(layer.legendItems.map((item) => item.color)).toEqual(layer.gradient.colors);
  });

  it("records org, period, collection time and versions, and no clock", async () => {
    const { layer } = await renderedLayer();
    expect(layer.metadata).toEqual([
      { name: "Organisation", value: "Test org" },
      { name: "Datadog site", value: "datadoghq.com" },
      { name: "Period", value: "2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z)" },
      { name: "Collected at", value: "2026-10-01T06:00:00Z" },
      { name: "Evidence complete", value: "yes" },
      { name: "Gap below score", value: "3" },
      { name: "ATT&CK version", value: "18.1" },
      { name: "Version: ddproof", value: "0.1.0" },
      { name: "Version: mitre-attack", value: "18.1" },
    ]);
  });

  it("puts a disposition in the metadata", async () => {
    const input = reportInput({
      attestations: [attestation("mitre-attack", "T1566", "not_applicable", "2026-09-01", "2027-01-01")],
    });
    const { layer } = await renderedLayer(input);
    expect(layer.techniques.find((entry) => entry.techniqueID === "T1566")!.metadata).toContainEqual({
      name: "Disposition",
      value: "not_applicable",
    });
  });

  it("writes nothing when ATT&CK was not assessed", async () => {
    expect(buildAttackLayer(reportInput({ frameworks: ["test-fw"] }))).toBeNull();
    expect(await attackLayerFormat.render(reportInput({ frameworks: ["test-fw"] }))).toEqual([]);
  });
});
