/**
 * The next actions in the gap pack: actions.csv (one row per action,
 * neutralised cells), actions.json (the plan as `plan --json` prints it),
 * the "Next actions" of report.html (each action naming the gap rows it
 * moves) and of gap-report.pdf, and the top three in the nightly job's
 * message.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Plan } from "../../src/plan/plan.js";
import { runMessage } from "../../src/schedule/notify/run-message.js";
import { pdfText } from "../helpers/pdf.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { csvRecords } from "../report/data/fixtures/parse-csv.js";
import { collectDemoOrg } from "./fixtures/demo-org.js";

let pack: string;
let plan: Plan;

beforeAll(async () => {
  const dir = scratchDir("plan-report");
  const file = await collectDemoOrg(dir, "demo");
  pack = join(dir, "gap");
  expect((await cli(["report", "--snapshot", file, "--kind", "gap", "--out", pack])).code).toBe(0);
  plan = Plan.parse(JSON.parse((await cli(["plan", "--snapshot", file, "--json"])).stdout));
  expect(plan.actions.length).toBeGreaterThan(3);
}, 120_000);

describe("the gap pack's next actions", () => {
  it("are in actions.csv, one row per action in rank order, cells neutralised", async () => {
    const rows = csvRecords(await readFile(join(pack, "actions.csv"), "utf8"));
    expect(rows.map((row) => [row.rank, row.edit, row.gain])).toEqual(
      // An edit starts with "-", which a spreadsheet would read as a formula.
      plan.actions.map((action) => [String(action.rank), `'${action.edit}`, String(action.gain)]),
    );
    expect(rows[0]!.summary).toBe(plan.actions[0]!.summary);
  });

  it("are in actions.json exactly as `ddproof plan --json` prints them", async () => {
    expect(Plan.parse(JSON.parse(await readFile(join(pack, "actions.json"), "utf8")))).toEqual(plan);
  });

  it("are in report.html, each naming the gap rows it moves", async () => {
    const html = await readFile(join(pack, "report.html"), "utf8");
    expect(html).toContain("Next actions");
    const moves = [...html.matchAll(/data-moves="([^"]*)"/g)].map((match) => match[1]!.split("\n"));
    expect(moves).toHaveLength(plan.actions.length);
    const rows = new Set([...html.matchAll(/data-key="([^"]*)"/g)].map((match) => match[1]!));
    const gaps = csvRecords(await readFile(join(pack, "gaps.csv"), "utf8")).map((gap) => `${gap.framework}:${gap.id}`);
    // Every gap an action moves can be highlighted: its row carries the key the action names.
    for (const keys of moves) for (const key of keys.filter((k) => gaps.includes(k))) expect(rows).toContain(key);
    expect(moves.flat().filter((key) => gaps.includes(key)).length).toBeGreaterThan(0);
  });

  it("are in gap-report.pdf", async () => {
    const text = await pdfText(new Uint8Array(await readFile(join(pack, "gap-report.pdf"))));
    expect(text).toContain("Next actions");
    expect(text).toContain(plan.actions[0]!.edit);
  });

  it("name the top three in the nightly job's message", () => {
    const message = runMessage({
      job: { name: "nightly-gap", kind: "gap" },
      run: {
        id: "2026-11-15T020000Z",
        status: "complete",
        trigger: "schedule",
        started_at: "2026-11-15T02:00:00Z",
        finished_at: "2026-11-15T02:01:00Z",
        period: { label: "last-30d", from: "2026-10-15T00:00:00Z", to: "2026-11-15T00:00:00Z", timezone: "UTC" },
        pack_dir: "2026-11-15T020000Z",
        missing_evidence: [],
        summary: {
          collected_at: "2026-11-15T02:00:30Z",
          frameworks: {},
          attack: null,
          gaps: 10,
          new_gaps: null,
          closed_gaps: null,
          collect_seconds: 20,
          duration_seconds: 60,
        },
        error: null,
      },
      changes: null,
      pack: "nightly-gap/2026-11-15T020000Z",
      actions: plan.actions,
    });
    const named = message.lines.filter((line) => line.startsWith("Next action "));
    expect(named).toEqual(
      plan.actions.slice(0, 3).map((action) => `Next action ${action.rank}: ${action.edit} (${action.summary})`),
    );
  });
});
