/**
 * assessment-results.json against the parts of the OSCAL 1.1.2
 * assessment-results model it uses: required fields, the UUID pattern
 * (version 4 or 5), token and date-time datatypes, the finding target and
 * status vocabulary, observation methods, and references that resolve.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildAssessmentResults,
  observationExpiry,
  format as oscalAssessmentResultsFormat,
} from "../../../src/report/formats/oscal-assessment-results.js";
import { oscalToken, uuidV5 } from "../../../src/report/oscal-ids.js";
import { attestation } from "../../assess/fixtures/catalogs.js";
import { fileText, reportInput } from "./fixtures/report-input.js";

const Uuid = z
  .string()
  .regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/);
const Token = z.string().regex(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u);
const DateTimeTz = z.iso.datetime({ offset: true });
const Prop = z
  .object({ name: Token, ns: z.string().regex(/^[a-z][a-z0-9+.-]*:/), value: z.string().regex(/^\S(.*\S)?$/s) })
  .strict();
const Props = z.array(Prop).min(1).optional();

const Observation = z
  .object({
    uuid: Uuid,
    title: z.string().optional(),
    description: z.string().min(1),
    props: Props,
    methods: z.array(z.enum(["EXAMINE", "INTERVIEW", "TEST", "UNKNOWN"])).min(1),
    types: z
      .array(z.enum(["ssp-statement-issue", "control-objective", "mitigation", "finding", "historic"]))
      .min(1)
      .optional(),
    origins: z
      .array(
        z
          .object({
            actors: z
              .array(z.object({ type: z.enum(["tool", "assessment-platform", "party"]), "actor-uuid": Uuid }).strict())
              .min(1),
          })
          .strict(),
      )
      .optional(),
    "relevant-evidence": z
      .array(z.object({ href: z.string().min(1), description: z.string().min(1) }).strict())
      .min(1)
      .optional(),
    collected: DateTimeTz,
    expires: DateTimeTz.optional(),
    remarks: z.string().optional(),
  })
  .strict();

const Finding = z
  .object({
    uuid: Uuid,
    title: z.string().min(1),
    description: z.string().min(1),
    props: Props,
    target: z
      .object({
        type: z.enum(["statement-id", "objective-id"]),
        "target-id": Token,
        title: z.string().optional(),
        props: Props,
        status: z.object({ state: z.enum(["satisfied", "not-satisfied"]), remarks: z.string().optional() }).strict(),
      })
      .strict(),
    "related-observations": z
      .array(z.object({ "observation-uuid": Uuid }).strict())
      .min(1)
      .optional(),
  })
  .strict();

const AssessmentResults = z
  .object({
    "assessment-results": z
      .object({
        uuid: Uuid,
        metadata: z
          .object({
            title: z.string().min(1),
            "last-modified": DateTimeTz,
            version: z.string().min(1),
            "oscal-version": z.literal("1.1.2"),
            props: Props,
            parties: z
              .array(
                z.object({ uuid: Uuid, type: z.enum(["person", "organization"]), name: z.string().min(1) }).strict(),
              )
              .optional(),
          })
          .strict(),
        "import-ap": z.object({ href: z.string().min(1), remarks: z.string().optional() }).strict(),
        results: z
          .array(
            z
              .object({
                uuid: Uuid,
                title: z.string().min(1),
                description: z.string().min(1),
                start: DateTimeTz,
                end: DateTimeTz.optional(),
                props: Props,
                "local-definitions": z
                  .object({
                    "assessment-assets": z
                      .object({
                        components: z.array(
                          z
                            .object({
                              uuid: Uuid,
                              type: z.string(),
                              title: z.string(),
                              description: z.string(),
                              props: Props,
                              status: z.object({
                                state: z.enum(["under-development", "operational", "disposition", "other"]),
                              }),
                            })
                            .strict(),
                        ),
                        "assessment-platforms": z
                          .array(
                            z
                              .object({
                                uuid: Uuid,
                                title: z.string(),
                                "uses-components": z.array(z.object({ "component-uuid": Uuid })),
                              })
                              .strict(),
                          )
                          .min(1),
                      })
                      .strict(),
                  })
                  .strict(),
                "reviewed-controls": z
                  .object({
                    "control-selections": z
                      .array(
                        z
                          .object({
                            description: z.string(),
                            "include-controls": z.array(z.object({ "control-id": Token }).strict()),
                          })
                          .strict(),
                      )
                      .min(1),
                  })
                  .strict(),
                observations: z.array(Observation).min(1).optional(),
                findings: z.array(Finding).min(1).optional(),
                remarks: z.string().optional(),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();

async function rendered(input = reportInput()) {
  const files = await oscalAssessmentResultsFormat.render(input);
  expect(files.map((file) => file.path)).toEqual(["assessment-results.json"]);
  const text = await fileText(files[0]!);
  return { text, document: AssessmentResults.parse(JSON.parse(text))["assessment-results"] };
}

describe("assessment-results.json", () => {
  it("is an OSCAL 1.1.2 assessment-results document over the period", async () => {
    const { document } = await rendered();
    expect(document.metadata).toMatchObject({
      "last-modified": "2026-10-01T06:00:00Z",
      "oscal-version": "1.1.2",
      parties: [{ type: "organization", name: "Test org" }],
    });
    expect(document["import-ap"].href).toBe("#");
    expect(document.results).toHaveLength(1);
    expect(document.results[0]).toMatchObject({ start: "2026-07-01T00:00:00Z", end: "2026-10-01T00:00:00Z" });
    expect(
      document.results[0]!["reviewed-controls"]["control-selections"][0]!["include-controls"].map(
        (c) => c["control-id"],
      ),
    ).toEqual(["test-fw_1", "test-fw_1.1", "test-fw_1.2", "test-fw_2", "test-fw_2.1", "test-fw_2.2", "test-fw_3"]);
  });

  it("has one finding per control, satisfied only for pass, accepted and not_applicable", async () => {
    const input = reportInput({
      attestations: [
        attestation("test-fw", "3", "risk_acceptance", "2026-09-01", "2026-12-31"),
        attestation("test-fw", "2.2", "not_applicable", "2026-09-01", "2026-12-31"),
      ],
    });
    const findings = (await rendered(input)).document.results[0]!.findings!;
    expect(findings.map((finding) => `${finding.target["target-id"]}:${finding.target.status.state}`)).toEqual([
      "test-fw_1:not-satisfied",
      "test-fw_1.1:satisfied",
      "test-fw_1.2:not-satisfied",
      "test-fw_2:not-satisfied",
      "test-fw_2.1:not-satisfied",
      "test-fw_2.2:satisfied",
      "test-fw_3:satisfied",
    ]);
    expect(findings[6]!.target.status.remarks).toBe("ddproof status: accepted (an active, recorded risk acceptance)");
    expect(findings[4]!.target.status.remarks).toBe(
      "ddproof status: partial (part of the evidence falls short or still needs a person)",
    );
    expect(findings[4]!.description).toBe(
      "Only 0 of 1 log sources had data on at least 90% of the 92 days; required 1: okta 10.8%",
    );
    expect(findings[4]!.target.props).toContainEqual({ name: "control-id", ns: "urn:ddproof:oscal", value: "2.1" });
  });

  it("links each finding to observations with methods, collected, expires and evidence in the pack", async () => {
    const result = (await rendered()).document.results[0]!;
    const observations = new Map(result.observations!.map((observation) => [observation.uuid, observation]));
    const okta = result.findings!.find((finding) => finding.target["target-id"] === "test-fw_2.1")!;
    const [observation] = okta["related-observations"]!.map((ref) => observations.get(ref["observation-uuid"])!);
    expect(observation).toMatchObject({
      methods: ["TEST"],
      collected: "2026-10-01T06:00:00Z",
      expires: "2027-01-01T06:00:00.000Z",
      remarks: "Identity logs arrive.",
      "relevant-evidence": [
        { href: "populations/log-sources.csv", description: "Log sources: okta (10 of 92 days with data)" },
        { href: "snapshot.json", description: "Query window: 2026-07-01T00:00:00Z/2026-10-01T00:00:00Z" },
      ],
    });
    const manual = result.findings!.find((finding) => finding.target["target-id"] === "test-fw_1.2")!;
    expect(observations.get(manual["related-observations"]![0]!["observation-uuid"])!.methods).toEqual(["EXAMINE"]);
    const tool = result["local-definitions"]["assessment-assets"].components[0]!.uuid;
    expect([...observations.values()].every((obs) => obs.origins?.[0]?.actors[0]?.["actor-uuid"] === tool)).toBe(true);
    // A roll-up parent has no observations of its own.
    expect(
      result.findings!.find((finding) => finding.target["target-id"] === "test-fw_1")!["related-observations"],
    ).toBeUndefined();
  });

  it("uses unique UUIDs that every reference resolves", async () => {
    const { text, document } = await rendered();
    const result = document.results[0]!;
    const declared = [
      document.uuid,
      result.uuid,
      ...document.metadata.parties!.map((p) => p.uuid),
      ...result.observations!.map((o) => o.uuid),
      ...result.findings!.map((f) => f.uuid),
    ];
    expect(new Set(declared).size).toBe(declared.length);
    const observationIds = new Set(result.observations!.map((o) => o.uuid));
    for (const finding of result.findings!)
      for (const ref of finding["related-observations"] ?? [])
        expect(observationIds.has(ref["observation-uuid"])).toBe(true);
    // Name-based (version 5) everywhere: nothing random.
    const uuids = [...text.matchAll(/"(?:[a-z-]*uuid)": "([^"]+)"/g)].map((match) => match[1]!);
    expect(uuids.length).toBeGreaterThan(declared.length);
    expect(uuids.filter((uuid) => !/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/.test(uuid))).toEqual([]);
  });

  it("is byte-identical for the same snapshot and different for another collection", async () => {
    const first = (await rendered()).text;
    expect((await rendered()).text).toBe(first);
    const later = await rendered(reportInput({ collectedAt: "2026-10-02T06:00:00Z" }));
    expect(later.document.uuid).not.toBe(JSON.parse(first)["assessment-results"].uuid);
  });
});

describe("OSCAL identifiers", () => {
  it("makes RFC 4122 version-5 UUIDs", () => {
    // The RFC's DNS namespace example, as other implementations compute it.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    expect(uuidV5("a")).toBe(uuidV5("a"));
    expect(uuidV5("a")).not.toBe(uuidV5("b"));
  });

  it.each([
    ["pci-dss-4.0.1", "10.2.1", "pci-dss-4.0.1_10.2.1"],
    ["hipaa-security-rule", "164.312(b)", "hipaa-security-rule_164.312_b_"],
    ["9fw", "1", "_9fw_1"],
  ])("turns %s %s into the token %s", (framework, control, token) => {
    expect(oscalToken(framework, control)).toBe(token);
    expect(Token.safeParse(oscalToken(framework, control)).success).toBe(true);
  });

  it("expires evidence one period length after collection", () => {
    expect(
      observationExpiry("2026-10-01T06:00:00Z", { from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z" }),
    ).toBe("2027-01-01T06:00:00.000Z");
  });

  it("builds the same document object twice", () => {
    const input = reportInput();
    expect(buildAssessmentResults(input)).toEqual(buildAssessmentResults(input));
  });
});
