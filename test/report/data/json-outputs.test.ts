import { describe, expect, it } from "vitest";
import { Assessment } from "../../../src/assess/schema.js";
import { format as assessmentJsonFormat } from "../../../src/report/formats/assessment-json.js";
import { format as changesJsonFormat } from "../../../src/report/formats/changes-json.js";
import { format as snapshotJsonFormat } from "../../../src/report/formats/snapshot-json.js";
import { stableJson } from "../../../src/report/stable-json.js";
import { Snapshot } from "../../../src/snapshot/schema.js";
import { assessed, fileText, reportInput } from "./fixtures/report-input.js";

describe("stableJson", () => {
  it("sorts keys at every level, indents two spaces and ends with a newline", () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it("gives the same text whatever order the object was built in", () => {
    expect(stableJson({ x: 1, y: { p: 1, q: 2 } })).toBe(stableJson({ y: { q: 2, p: 1 }, x: 1 }));
  });
});

describe("snapshot.json and assessment.json", () => {
  it("carry the inputs of the pack, readable back through their schemas", async () => {
    const input = reportInput();
    const [snapshotFile] = await snapshotJsonFormat.render(input);
    const [assessmentFile] = await assessmentJsonFormat.render(input);
    expect(snapshotFile!.path).toBe("snapshot.json");
    expect(assessmentFile!.path).toBe("assessment.json");
    expect(Snapshot.parse(JSON.parse(await fileText(snapshotFile!)))).toEqual(input.snapshot);
    expect(Assessment.parse(JSON.parse(await fileText(assessmentFile!)))).toEqual(input.assessment);
    expect(snapshotJsonFormat.kinds).toEqual(["evidence", "gap", "attack"]);
  });
});

describe("changes.json", () => {
  it("is written only when there is a previous run", async () => {
    expect(await changesJsonFormat.render(reportInput())).toEqual([]);
    const previous = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z" }), label: "last-night" };
    const files = await changesJsonFormat.render(reportInput({ previous }));
    expect(files.map((file) => file.path)).toEqual(["changes.json"]);
    const changes = JSON.parse(await fileText(files[0]!));
    expect(changes.previous).toEqual({ label: "last-night", collected_at: "2026-09-30T06:00:00Z", period: "2026-Q3" });
    expect(changes.new_gaps).toEqual([]);
    expect(Object.keys(changes)).toEqual([...Object.keys(changes)].sort());
  });
});
