/**
 * The control matrix at its edges: a catalog deeper than ten levels (every
 * control in its group, indentation capped).
 */
import type { ContentTable, ContentText, TableCell } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { ControlResult, FrameworkResult } from "../../../src/assess/schema.js";
import { controlMatrix } from "../../../src/report/pdf/evidence/control-matrix.js";
import { currentSnapshot } from "./fixtures/report-input.js";

const body = (content: unknown) => (content as ContentTable).table.body as TableCell[][];
const rowLabel = (row: readonly TableCell[]) => ((row[0] as ContentText).text as [{ text: string }])[0].text;

function control(
  overrides: Partial<ControlResult> & Pick<ControlResult, "id" | "parent" | "status" | "status_from">,
): ControlResult {
  return { title: `Title ${overrides.id}`, monitoring_relevant: true, findings: [], attestations: [], ...overrides };
}

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
