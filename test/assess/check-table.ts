/**
 * A table tester for check kinds (ESLint's RuleTester idea): cases grouped by
 * the status they must produce, each asserting the message id and figures.
 * It also refuses duplicate case names, checks params against the kind's
 * schema, checks that the message id is one the kind declares and that its
 * template can be filled, and requires a "collector failed → unknown" row.
 */
import { describe, expect, it } from "vitest";
import { type CheckContext, COLLECTOR_FAILED } from "../../src/assess/check-contract.js";
import { CHECKS } from "../../src/assess/checks/index.js";
import { describeResult, runCheck } from "../../src/assess/run-check.js";
import type { CheckStatus, FindingData, ReasonCode } from "../../src/assess/schema.js";
import { Thresholds } from "../../src/config/schema.js";
import type { Snapshot } from "../../src/snapshot/schema.js";

export interface CheckCase {
  name: string;
  snapshot: Snapshot;
  params?: Record<string, unknown>;
  thresholds?: Record<string, unknown>;
  messageId: string;
  /** Figures the result must contain (a subset of its data). */
  data?: FindingData;
  /** Ids of the evidence references, in order, when given. */
  evidence?: string[];
  reasonCode?: ReasonCode | null;
  /** Part of the readable reason, for the few cases that test the sentence itself. */
  reasonContains?: string;
}

export type CheckTable = Partial<Record<CheckStatus, CheckCase[]>>;

export function runCheckTable(kind: string, table: CheckTable): void {
  const module = CHECKS[kind];
  describe(`check kind ${kind}`, () => {
    it("is registered", () => expect(module?.meta.kind).toBe(kind));
    it("has a collector-failed row in its table when it reads a collector", () => {
      const rows = table.unknown?.filter((row) => row.messageId === COLLECTOR_FAILED) ?? [];
      expect(rows.length > 0).toBe(module!.meta.reads.length > 0);
    });
    it("has no duplicate case names", () => {
      const names = Object.values(table).flatMap((rows) => rows.map((row) => row.name));
      expect(new Set(names).size).toBe(names.length);
    });
    for (const [status, rows] of Object.entries(table) as [CheckStatus, CheckCase[]][]) {
      for (const row of rows) {
        it(`${status}: ${row.name}`, () => {
          const params = module!.params.parse(row.params ?? {});
          const ctx: CheckContext = { thresholds: Thresholds.parse(row.thresholds ?? {}) };
          const result = runCheck(module!, params, row.snapshot, ctx);
          expect({ status: result.status, messageId: result.messageId }).toEqual({ status, messageId: row.messageId });
          if (row.data !== undefined) expect(result.data).toMatchObject(row.data);
          if (row.evidence !== undefined) expect(result.evidence.map((ref) => ref.id)).toEqual(row.evidence);
          if (row.reasonCode !== undefined) expect(result.reasonCode).toBe(row.reasonCode);
          const reason = describeResult(module!, result);
          if (row.reasonContains !== undefined) expect(reason).toContain(row.reasonContains);
        });
      }
    }
  });
}
