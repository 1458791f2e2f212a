/**
 * The control matrix at its edges: which reason and which evidence a row
 * shows for a control judged by its own findings, by an attestation or with
 * a note among its findings; exactly five references (no "more" line); and a
 * catalog deeper than ten levels (every control in its group, indentation
 * capped).
 */
import type { ContentTable, ContentText, TableCell } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { AppliedAttestation, ControlResult, FrameworkResult } from "../../../src/assess/schema.js";
import { controlMatrix } from "../../../src/report/pdf/evidence/control-matrix.js";
import { control, finding } from "./fixtures/control-results.js";
import { currentSnapshot } from "./fixtures/report-input.js";

const body = (content: unknown) => (content as ContentTable).table.body as TableCell[][];
const rowLabel = (row: readonly TableCell[]) => ((row[0] as ContentText).text as [{ text: string }])[0].text;

const ACCEPTANCE: AppliedAttestation = {
  type: "risk_acceptance",
  owner: "ciso@example.com",
  reason: "Handled by the gateway",
  date: "2026-07-01",
  expires: "2027-06-30",
  links: ["https://wiki.example.com/gw"],
  state: "active",
};

function framework(controls: ControlResult[]): FrameworkResult {
  return {
    id: "fw",
    name: "Frame",
    version: "1",
    summary: { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 },
    controls,
  };
}

/** The rows under the running row and the column header of the first group's table. */
function rows(controls: ControlResult[]): TableCell[][] {
  return body(controlMatrix(framework(controls), undefined, currentSnapshot())[3]).slice(2);
}

const GROUP = control({ id: "G", parent: null, status: "fail", status_from: "children" });

describe("a control matrix row", () => {
  it("lists the references of every finding of a control judged by its own findings, not only the deciding one's", () => {
    const [row] = rows([
      GROUP,
      control({
        id: "C",
        parent: "G",
        status: "fail",
        status_from: "own",
        findings: [
          finding({ status: "pass", reason: "A rule exists", evidence: [{ type: "rule", id: "r1" }] }),
          finding({ status: "fail", reason: "It never fired", evidence: [{ type: "rule", id: "r2" }] }),
        ],
      }),
    ]);
    expect(row![3]).toEqual({ text: "rule:r1\nrule:r2", style: "cell" });
  });

  it("gives a control with one counted check and a note that check's reason, not a list of checks", () => {
    const [row] = rows([
      GROUP,
      control({
        id: "C",
        parent: "G",
        status: "fail",
        status_from: "own",
        findings: [
          finding({ status: "fail", reason: "It never fired" }),
          finding({ status: "manual", reason: "Attest the runbook", informational: true }),
        ],
      }),
    ]);
    expect(row![2]).toEqual({ text: "It never fired", style: "cell" });
  });

  it("gives an accepted control the acceptance as reason and evidence, whatever its findings", () => {
    const [row] = rows([
      GROUP,
      control({
        id: "C",
        parent: "G",
        status: "accepted",
        status_from: "attestation",
        findings: [
          finding({ status: "fail", reason: "No rule covers it", evidence: [{ type: "rule", id: "r1" }] }),
          finding({ status: "fail", reason: "It never fired", evidence: [{ type: "rule", id: "r2" }] }),
        ],
        attestations: [ACCEPTANCE],
      }),
    ]);
    expect(row![2]).toEqual({
      text: "Risk accepted by ciso@example.com on 2026-07-01, valid until 2027-06-30: Handled by the gateway",
      style: "cell",
    });
    expect(row![3]).toEqual({
      text: "attestation:ciso@example.com 2026-07-01 (Handled by the gateway)\nattestation:https://wiki.example.com/gw",
      style: "cell",
    });
  });

  it("lists exactly five references without a line for more", () => {
    const refs = ["r1", "r2", "r3", "r4", "r5"].map((id) => ({ type: "rule" as const, id }));
    const [row] = rows([
      GROUP,
      control({
        id: "C",
        parent: "G",
        status: "fail",
        status_from: "own",
        findings: [finding({ status: "fail", reason: "x", evidence: refs })],
      }),
    ]);
    expect(row![3]).toEqual({ text: "rule:r1\nrule:r2\nrule:r3\nrule:r4\nrule:r5", style: "cell" });
  });
});

describe("a catalog deeper than ten levels", () => {
  // L0 is the top-level row; L12 is twelve levels below it.
  const chain = Array.from({ length: 13 }, (_, depth) =>
    control({
      id: `L${depth}`,
      parent: depth === 0 ? null : `L${depth - 1}`,
      status: "pass",
      status_from: depth === 0 ? "children" : "own",
    }),
  );

  it("keeps every control in its top-level row's table", () => {
    const matrix = controlMatrix(framework(chain), undefined, currentSnapshot());
    // The heading, the note, then one anchor and one table: a single group.
    expect(matrix).toHaveLength(4);
    expect(body(matrix[3]).slice(2).map(rowLabel)).toEqual(chain.slice(1).map((row) => row.id));
  });

  it("indents six points a level from the second, up to the tenth", () => {
    const margins = rows(chain).map((row) => (row[0] as { margin: number[] }).margin[0]);
    expect(margins).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 54, 54]);
  });
});

describe("parents that loop", () => {
  // Catalogs refuse cycles, so only an assessment built by other code can hold one; the matrix must still end.
  const controls = [
    control({ id: "G", parent: null, status: "pass", status_from: "children" }),
    control({ id: "G.1", parent: "G", status: "pass", status_from: "own" }),
    control({ id: "A", parent: "B", status: "fail", status_from: "own" }),
    control({ id: "B", parent: "A", status: "fail", status_from: "own" }),
  ];

  it("is climbed a bounded number of steps: the tree's groups are built, the loop reaches none", () => {
    const matrix = controlMatrix(framework(controls), undefined, currentSnapshot());
    expect(matrix).toHaveLength(4);
    expect(body(matrix[3]).slice(2).map(rowLabel)).toEqual(["G.1"]);
  });
});
