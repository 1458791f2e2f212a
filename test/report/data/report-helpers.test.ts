/**
 * The small pure pieces every report builds on, at their edges: the sentence
 * and finding that explain a control (roll-ups, attestations, the worst
 * finding of a mixed status, a lapsed attestation), id and text order, stable
 * JSON, OSCAL tokens and UUIDs against a published vector, OSCAL targets of an
 * imported catalog, and rule names.
 */
import { describe, expect, it } from "vitest";
import {
  type AppliedAttestation,
  type ControlResult,
  type Finding,
  type FrameworkResult,
  StatusSummary,
} from "../../../src/assess/schema.js";
import {
  attestationEvidence,
  controlVerdict,
  decidingFinding,
  STATUS_SEVERITY,
} from "../../../src/report/control-reason.js";
import { compareIds, compareText } from "../../../src/report/id-order.js";
import { OSCAL_UUID_NAMESPACE, oscalToken, uuidV5 } from "../../../src/report/oscal-ids.js";
import { stableJson } from "../../../src/report/stable-json.js";

function finding(status: Finding["status"], reason: string, fields: Partial<Finding> = {}): Finding {
  return {
    check: "log_source_ingesting",
    status,
    reason,
    evidence: [{ type: "source", id: reason }],
    message_id: "m",
    data: {},
    reason_code: "source_silent",
    rationale: null,
    informational: false,
    ...fields,
  };
}

function control(fields: Partial<ControlResult>): ControlResult {
  return {
    id: "1",
    title: "Control",
    parent: null,
    monitoring_relevant: true,
    status: "fail",
    status_from: "own",
    findings: [],
    attestations: [],
    ...fields,
  };
}

function framework(controls: ControlResult[]): FrameworkResult {
  return {
    id: "fw",
    name: "Framework",
    version: "1",
    summary: StatusSummary.parse({
      pass: 0,
      partial: 0,
      fail: 0,
      unknown: 0,
      manual: 0,
      accepted: 0,
      not_applicable: 0,
    }),
    controls,
  };
}

const ACCEPTANCE: AppliedAttestation = {
  type: "risk_acceptance",
  owner: "alice",
  reason: "compensating control",
  date: "2026-09-01",
  expires: "2027-09-01",
  links: ["https://tickets.example/SEC-1", "https://wiki.example/risk"],
  state: "active",
};

describe("control verdicts", () => {
  it("orders statuses worst first", () => {
    expect(STATUS_SEVERITY).toEqual(["fail", "unknown", "partial", "manual", "accepted", "pass", "not_applicable"]);
  });

  it("explains a parent by counting its children's statuses, worst first, with spaces for underscores", () => {
    const children = [
      control({ id: "1.1", parent: "1", status: "pass" }),
      control({ id: "1.2", parent: "1", status: "not_applicable" }),
      control({ id: "1.3", parent: "1", status: "fail" }),
      control({ id: "1.4", parent: "1", status: "pass" }),
      control({ id: "2.1", parent: "2", status: "unknown" }),
    ];
    const parent = control({ id: "1", status: "fail", status_from: "children" });
    expect(controlVerdict(parent, framework([parent, ...children]))).toEqual({
      reason: "Rolled up from 4 child controls: 1 fail, 2 pass, 1 not applicable",
      reason_code: null,
      evidence: [],
    });
  });

  it("explains an accepted risk and a not-applicable control by their active attestation", () => {
    const accepted = control({
      status: "accepted",
      status_from: "attestation",
      attestations: [{ ...ACCEPTANCE, state: "expired", owner: "old" }, ACCEPTANCE],
    });
    expect(controlVerdict(accepted, framework([accepted]))).toEqual({
      reason: "Risk accepted by alice on 2026-09-01, valid until 2027-09-01: compensating control",
      reason_code: null,
      evidence: [
        { type: "attestation", id: "alice 2026-09-01", label: "compensating control" },
        { type: "attestation", id: "https://tickets.example/SEC-1" },
        { type: "attestation", id: "https://wiki.example/risk" },
      ],
    });
    const notApplicable = control({
      status: "not_applicable",
      status_from: "attestation",
      attestations: [ACCEPTANCE, { ...ACCEPTANCE, type: "not_applicable", owner: "bob", links: [] }],
    });
    expect(controlVerdict(notApplicable, framework([notApplicable]))).toEqual({
      reason: "Not applicable, attested by bob on 2026-09-01, valid until 2027-09-01: compensating control",
      reason_code: null,
      evidence: [{ type: "attestation", id: "bob 2026-09-01", label: "compensating control" }],
    });
    expect(attestationEvidence({ ...ACCEPTANCE, links: [] })).toEqual([
      { type: "attestation", id: "alice 2026-09-01", label: "compensating control" },
    ]);
  });

  it("falls back to the findings when an attested status has no active attestation of its type", () => {
    const stale = control({
      status: "accepted",
      status_from: "attestation",
      attestations: [{ ...ACCEPTANCE, state: "expired" }],
      findings: [finding("pass", "a passing finding", { reason_code: null })],
    });
    expect(controlVerdict(stale, framework([stale]))).toEqual({
      reason: "a passing finding",
      reason_code: null,
      evidence: [{ type: "source", id: "a passing finding" }],
    });
  });

  it("says no findings were recorded when nothing decides the control", () => {
    const empty = control({ status: "unknown" });
    expect(controlVerdict(empty, framework([empty]))).toEqual({
      reason: "No findings were recorded for this control",
      reason_code: null,
      evidence: [],
    });
  });

  it("takes the first finding with the control's status, ignoring informational ones", () => {
    const decided = control({
      status: "fail",
      findings: [
        finding("fail", "informational fail", { informational: true }),
        finding("pass", "a pass"),
        finding("fail", "first fail"),
        finding("fail", "second fail"),
      ],
    });
    expect(decidingFinding(decided)?.reason).toBe("first fail");
  });

  it("takes the worst finding when none has the control's own status (a mixed partial)", () => {
    const mixed = control({
      status: "partial",
      findings: [finding("pass", "a pass"), finding("manual", "a manual"), finding("manual", "another manual")],
    });
    expect(decidingFinding(mixed)?.reason).toBe("a manual");
    const onlyInformational = control({ status: "partial", findings: [finding("fail", "x", { informational: true })] });
    expect(decidingFinding(onlyInformational)).toBeNull();
  });

  it("explains a manual control by a lapsed attestation before anything else, and only a manual one", () => {
    const lapsed = finding("manual", "attestation lapsed", { informational: true, reason_code: "attestation_expired" });
    const other = finding("manual", "other informational", { informational: true, reason_code: "attestation_missing" });
    const manual = control({ status: "manual", findings: [finding("manual", "needs one"), other, lapsed] });
    expect(decidingFinding(manual)?.reason).toBe("attestation lapsed");
    const noLapse = control({ status: "manual", findings: [other, finding("manual", "needs one")] });
    expect(decidingFinding(noLapse)?.reason).toBe("needs one");
    const failing = control({ status: "fail", findings: [lapsed, finding("fail", "a fail")] });
    expect(decidingFinding(failing)?.reason).toBe("a fail");
  });
});

describe("id and text order", () => {
  it.each([
    ["1", "01", -1],
    ["01", "1", 1],
    ["007", "7", 2],
    ["2", "10", -1],
    ["10", "9", 1],
    ["a", "b", -1],
    ["b", "a", 1],
    ["A1", "A1", 0],
    ["A1", "A1.1", -2],
    ["A1.1", "A1", 2],
    ["", "", 0],
    ["", "1", -1],
  ])("compareIds(%j, %j) is %i (a shorter spelling or fewer runs first, by how many)", (a, b, expected) => {
    expect(compareIds(a, b)).toBe(expected);
  });

  it("gives the numeric difference's sign, not its size", () => {
    expect(compareIds("3", "100")).toBe(-1);
    expect(compareIds("100", "3")).toBe(1);
  });

  it("compares text by code unit", () => {
    expect([compareText("B", "a"), compareText("a", "B"), compareText("x", "x")]).toEqual([-1, 1, 0]);
  });
});

describe("stableJson", () => {
  it("sorts keys at every level, inside arrays too, keeps array order, two spaces and a newline", () => {
    expect(stableJson({ b: [{ z: 1, a: null }, 3], a: { d: "x", c: true } })).toBe(
      '{\n  "a": {\n    "c": true,\n    "d": "x"\n  },\n  "b": [\n    {\n      "a": null,\n      "z": 1\n    },\n    3\n  ]\n}\n',
    );
    expect(stableJson(null)).toBe("null\n");
    expect(stableJson("text")).toBe('"text"\n');
  });
});

describe("OSCAL ids", () => {
  it("makes the RFC 4122 version-5 UUID of a name in a namespace (the published python.org example)", () => {
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    expect(OSCAL_UUID_NAMESPACE).toBe("9283e0bd-0eef-4b00-9a09-7590a0807baa");
    expect(uuidV5("x")).toBe(uuidV5("x", OSCAL_UUID_NAMESPACE));
  });

  it("turns a control id into a token of letters, digits, dots, dashes and underscores that starts with a letter or _", () => {
    expect(oscalToken("hipaa", "164.312(b)")).toBe("hipaa_164.312_b_");
    expect(oscalToken("pci-dss-4.0.1", "10.2.1")).toBe("pci-dss-4.0.1_10.2.1");
    expect(oscalToken("2fa", "x y")).toBe("_2fa_x_y");
    expect(oscalToken("-fw", "1")).toBe("_-fw_1");
    expect(oscalToken("_fw", "1")).toBe("_fw_1");
    expect(oscalToken("Fw", "Ab")).toBe("Fw_Ab");
  });
});
