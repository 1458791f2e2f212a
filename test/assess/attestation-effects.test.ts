/** Attestations: the file's schema, their targets, their state on the collection day and what they do to a control. */
import { describe, expect, it } from "vitest";
import {
  type Attestation,
  AttestationsFile,
  applied,
  attestationState,
  attestationsFor,
  checkAttestationTargets,
} from "../../src/assess/attestations.js";
import {
  applyAttestationsToFindings,
  attestedDisposition,
  statusAfterAttestations,
} from "../../src/assess/control-attestations.js";
import { unmappedFinding } from "../../src/assess/evaluate-framework.js";
import type { AppliedAttestation, Finding } from "../../src/assess/schema.js";
import { InputError } from "../../src/errors.js";
import { ATTACK, attestation, FRAMEWORK } from "./fixtures/catalogs.js";
import { buildSnapshot } from "./fixtures/snapshot-builder.js";

// Collected 2026-10-01T06:00:00Z (UTC).
const snapshot = buildSnapshot();

const raw = (fields: object = {}) => ({
  control: { framework: "test-fw", id: "1.1" },
  type: "evidence",
  owner: "jane@example.com",
  reason: "Reviewed",
  date: "2026-09-01",
  expires: "2026-12-31",
  ...fields,
});

describe("the attestations file", () => {
  it("reads an attestation, links defaulting to none", () => {
    expect(AttestationsFile.parse([raw()])).toEqual([{ ...raw(), links: [] }]);
  });
  it("accepts an attestation that expires the day it is dated", () => {
    expect(AttestationsFile.safeParse([raw({ date: "2026-09-01", expires: "2026-09-01" })]).success).toBe(true);
  });
  it("refuses one that expires before it is dated, at `expires`", () => {
    const parsed = AttestationsFile.safeParse([raw({ date: "2026-09-02", expires: "2026-09-01" })]);
    expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[0, "expires"], "expected a date on or after `date`"],
    ]);
  });
  it("refuses dates that are not days, blank fields, unknown fields and path-like framework ids", () => {
    const issue = (fields: object) => AttestationsFile.safeParse([raw(fields)]).error?.issues[0];
    expect(issue({ date: "2026-9-1" })?.message).toBe("expected a date such as 2026-07-01");
    expect(issue({ owner: "  " })?.path).toEqual([0, "owner"]);
    expect(issue({ reason: "" })?.path).toEqual([0, "reason"]);
    expect(issue({ links: [" "] })?.path).toEqual([0, "links", 0]);
    expect(issue({ control: { framework: "test-fw", id: " " } })?.path).toEqual([0, "control", "id"]);
    expect(issue({ control: { framework: "../x", id: "1" } })?.path).toEqual([0, "control", "framework"]);
    expect(issue({ control: { framework: "test-fw", id: "1", extra: 1 } })?.path).toEqual([0, "control"]);
    expect(issue({ extra: 1 })?.path).toEqual([0]);
  });
});

describe("attestation targets", () => {
  const check =
    (attestations: Attestation[], attack = ATTACK as typeof ATTACK | null) =>
    () =>
      checkAttestationTargets(attestations, [FRAMEWORK], attack, "attestations.yaml");
  it("accepts controls of loaded catalogs and ATT&CK techniques", () => {
    expect(
      check([
        attestation("test-fw", "2.2", "not_applicable", "2026-09-01", "2026-12-31"),
        attestation("mitre-attack", "T1110", "risk_acceptance", "2026-09-01", "2026-12-31"),
      ]),
    ).not.toThrow();
  });
  it("names the file, the entry and what is wrong", () => {
    const fine = attestation("test-fw", "1", "evidence", "2026-09-01", "2026-12-31");
    expect(check([fine, attestation("test-fw", "9.9", "evidence", "2026-09-01", "2026-12-31")])).toThrow(
      new InputError('attestations.yaml: [1].control.id: "9.9" is not a control of test-fw'),
    );
    expect(check([attestation("pci", "1", "evidence", "2026-09-01", "2026-12-31")])).toThrow(
      new InputError(
        'attestations.yaml: [0].control.framework: unknown framework "pci"; expected one of test-fw, mitre-attack',
      ),
    );
    expect(check([attestation("mitre-attack", "T9999", "evidence", "2026-09-01", "2026-12-31")])).toThrow(
      new InputError('attestations.yaml: [0].control.id: "T9999" is not a control of mitre-attack'),
    );
    expect(check([attestation("mitre-attack", "T1110", "evidence", "2026-09-01", "2026-12-31")], null)).toThrow(
      new InputError("attestations.yaml: [0].control.framework: the ATT&CK catalog is not loaded"),
    );
  });
});

describe("attestation state on the collection day", () => {
  it("is active from its date through its expiry day", () => {
    const on = (date: string, expires: string) =>
      attestationState(attestation("test-fw", "1", "evidence", date, expires), snapshot);
    expect(on("2026-10-01", "2026-10-01")).toBe("active");
    expect(on("2026-10-02", "2026-12-01")).toBe("not_yet_valid");
    expect(on("2026-01-01", "2026-09-30")).toBe("expired");
  });
  it("picks a control's attestations by framework and id, judged and with their fields", () => {
    const mine = attestation("test-fw", "1.1", "risk_acceptance", "2026-09-01", "2026-09-30");
    const list = [
      mine,
      attestation("test-fw", "1.2", "evidence", "2026-09-01", "2026-12-31"),
      attestation("other-fw", "1.1", "evidence", "2026-09-01", "2026-12-31"),
    ];
    expect(attestationsFor(list, "test-fw", "1.1", snapshot)).toEqual([
      {
        type: "risk_acceptance",
        owner: "jane@example.com",
        reason: "Reviewed in the Q3 audit",
        date: "2026-09-01",
        expires: "2026-09-30",
        links: ["https://wiki.example.com/q3"],
        state: "expired",
      },
    ]);
  });
});

describe("what attestations do to a control", () => {
  const judged = (type: Attestation["type"], date: string, expires: string, fields: Partial<Attestation> = {}) =>
    applied({ ...attestation("test-fw", "1", type, date, expires), ...fields }, snapshot);
  const active = (type: Attestation["type"]) => judged(type, "2026-09-01", "2026-12-31");
  const passing: Finding = { ...unmappedFinding(), check: "log_source", status: "pass", message_id: "enoughSources" };

  it("turns manual findings into passes naming who attested, leaving other findings alone", () => {
    const evidence = judged("evidence", "2026-09-01", "2026-12-31", { owner: "bob@example.com", reason: "Checked" });
    const out = applyAttestationsToFindings([unmappedFinding(), passing], [evidence]);
    expect(out).toEqual([
      {
        ...unmappedFinding(),
        status: "pass",
        reason: "Attested by bob@example.com on 2026-09-01, valid until 2026-12-31: Checked",
        message_id: "attested",
        data: {
          type: "evidence",
          owner: "bob@example.com",
          reason: "Checked",
          date: "2026-09-01",
          expires: "2026-12-31",
        },
        evidence: [
          { type: "attestation", id: "bob@example.com 2026-09-01", label: "Checked" },
          { type: "attestation", id: "https://wiki.example.com/q3" },
        ],
        reason_code: null,
      },
      passing,
    ]);
  });

  it("satisfies nothing with a risk acceptance or a lapsed evidence attestation", () => {
    expect(applyAttestationsToFindings([unmappedFinding()], [active("risk_acceptance")])).toEqual([unmappedFinding()]);
    const out = applyAttestationsToFindings([unmappedFinding()], [judged("evidence", "2026-01-01", "2026-09-30")]);
    expect(out[0]).toEqual(unmappedFinding());
  });

  it("adds an informational note for each lapsed attestation", () => {
    const out = applyAttestationsToFindings(
      [],
      [
        judged("risk_acceptance", "2026-01-01", "2026-09-30", { links: [] }),
        judged("not_applicable", "2026-11-01", "2026-12-31", { links: [] }),
      ],
    );
    expect(out).toEqual([
      {
        check: "attestation",
        status: "manual",
        reason: "The risk acceptance attestation by jane@example.com expired on 2026-09-30; it no longer counts",
        evidence: [{ type: "attestation", id: "jane@example.com 2026-01-01", label: "Reviewed in the Q3 audit" }],
        message_id: "expired",
        data: {
          type: "risk acceptance",
          owner: "jane@example.com",
          reason: "Reviewed in the Q3 audit",
          date: "2026-01-01",
          expires: "2026-09-30",
        },
        reason_code: "attestation_expired",
        rationale: null,
        informational: true,
      },
      {
        check: "attestation",
        status: "manual",
        reason:
          "The not applicable attestation by jane@example.com is dated 2026-11-01, after this snapshot was collected; it does not count yet",
        evidence: [{ type: "attestation", id: "jane@example.com 2026-11-01", label: "Reviewed in the Q3 audit" }],
        message_id: "notYetValid",
        data: {
          type: "not applicable",
          owner: "jane@example.com",
          reason: "Reviewed in the Q3 audit",
          date: "2026-11-01",
          expires: "2026-12-31",
        },
        reason_code: "attestation_expired",
        rationale: null,
        informational: true,
      },
    ]);
  });

  it("records a decision only from an active attestation; not applicable wins over a risk acceptance", () => {
    const lapsed: AppliedAttestation = judged("not_applicable", "2026-01-01", "2026-09-30");
    expect(attestedDisposition([])).toBeNull();
    expect(attestedDisposition([active("evidence")])).toBeNull();
    expect(attestedDisposition([lapsed])).toBeNull();
    expect(attestedDisposition([active("risk_acceptance")])).toBe("accepted");
    expect(attestedDisposition([lapsed, active("risk_acceptance")])).toBe("accepted");
    expect(attestedDisposition([active("risk_acceptance"), active("not_applicable")])).toBe("not_applicable");
  });

  it("accepts every status but a pass, and makes any status not applicable", () => {
    const risk = [active("risk_acceptance")];
    expect(statusAfterAttestations("fail", risk)).toBe("accepted");
    expect(statusAfterAttestations("manual", risk)).toBe("accepted");
    expect(statusAfterAttestations("pass", risk)).toBe("pass");
    expect(statusAfterAttestations("pass", [active("not_applicable")])).toBe("not_applicable");
    expect(statusAfterAttestations("fail", [active("evidence")])).toBe("fail");
  });
});
