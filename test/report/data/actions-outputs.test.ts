/**
 * actions.csv and actions.json: the gap pack's ranked next actions, cell by
 * cell, and what each says when no plan reached the renderers.
 */
import { describe, expect, it } from "vitest";
import { Plan } from "../../../src/plan/plan.js";
import { format as actionsCsvFormat } from "../../../src/report/formats/actions-csv.js";
import { format as actionsJsonFormat } from "../../../src/report/formats/actions-json.js";
import { fileText, reportInput } from "./fixtures/report-input.js";

const PLAN = Plan.parse({
  candidates: 7,
  actions: [
    {
      rank: 1,
      edit: "--enable-rule=r-phish",
      summary: "Enable the rule Phishing link clicked",
      gain: 3,
      techniques: [
        { id: "T1566", from: 0, to: 3 },
        { id: "T1566.001", from: 1, to: 3 },
      ],
      controls: [{ framework: "test-fw", id: "3", from: "fail", to: "pass" }],
      cumulative: {
        techniques: [
          { id: "T1566", from: 0, to: 3 },
          { id: "T1566.001", from: 1, to: 3 },
        ],
        controls: [{ framework: "test-fw", id: "3", from: "fail", to: "pass" }],
      },
    },
    {
      rank: 2,
      edit: "--ingest=okta",
      summary: "Ingest okta",
      gain: 1,
      techniques: [],
      controls: [],
      cumulative: {
        techniques: [
          { id: "T1566", from: 0, to: 3 },
          { id: "T1566.001", from: 1, to: 3 },
          { id: "T1078", from: 3, to: 4 },
        ],
        controls: [
          { framework: "test-fw", id: "3", from: "fail", to: "pass" },
          { framework: "test-fw", id: "2.1", from: "partial", to: "pass" },
        ],
      },
    },
  ],
});

async function only(format: typeof actionsCsvFormat, plan: Plan | null | undefined) {
  const input = { ...reportInput(), kind: "gap" as const, ...(plan === undefined ? {} : { plan }) };
  const files = await format.render(input);
  expect(files.map((file) => file.path)).toHaveLength(1);
  return { path: files[0]!.path, text: await fileText(files[0]!) };
}

describe("actions.csv", () => {
  it("writes one row per action in rank order, with what it moves alone and with those above it", async () => {
    const { path, text } = await only(actionsCsvFormat, PLAN);
    expect(path).toBe("actions.csv");
    expect(text).toBe(
      "rank,edit,summary,gain,techniques,controls,cumulative_techniques,cumulative_controls\n" +
        "1,'--enable-rule=r-phish,Enable the rule Phishing link clicked,3,T1566 0→3;T1566.001 1→3,test-fw 3 fail→pass,2,1\n" +
        "2,'--ingest=okta,Ingest okta,1,,,3,2\n",
    );
    expect(actionsCsvFormat.kinds).toEqual(["gap"]);
  });

  it("is a header alone when there is no plan", async () => {
    const header = "rank,edit,summary,gain,techniques,controls,cumulative_techniques,cumulative_controls\n";
    expect((await only(actionsCsvFormat, null)).text).toBe(header);
    expect((await only(actionsCsvFormat, undefined)).text).toBe(header);
  });
});

describe("actions.json", () => {
  it("carries the plan as `ddproof plan --json` prints it", async () => {
    const { path, text } = await only(actionsJsonFormat, PLAN);
    expect(path).toBe("actions.json");
    expect(JSON.parse(text)).toEqual(PLAN);
    expect(text.endsWith("}\n")).toBe(true);
    expect(actionsJsonFormat.kinds).toEqual(["gap"]);
  });

  it("says nothing was considered when there is no plan", async () => {
    expect((await only(actionsJsonFormat, null)).text).toBe('{\n  "actions": [],\n  "candidates": 0\n}\n');
    expect((await only(actionsJsonFormat, undefined)).text).toBe('{\n  "actions": [],\n  "candidates": 0\n}\n');
  });
});
