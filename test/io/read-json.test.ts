import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseJsonText, readJsonFile, readJsonFileIfPresent } from "../../src/io/read-json.js";
import { scratchDir } from "../helpers/scratch-dir.js";

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe("readJsonFile", () => {
  it("returns the parsed value", async () => {
    const dir = scratchDir("read-json", { "a.json": '{"a": [1, 2]}\n' });
    expect(await readJsonFile(join(dir, "a.json"))).toEqual({ a: [1, 2] });
  });

  it("names a file it cannot read, with what the file is and why", async () => {
    const file = join(scratchDir("read-json"), "absent.json");
    expect(await failure(readJsonFile(file))).toBe(`${file}: cannot read the file (ENOENT)`);
    expect(await failure(readJsonFile(file, "the snapshot"))).toBe(`${file}: cannot read the snapshot (ENOENT)`);
  });

  it("names text that is not JSON, with what was wrong, where, and the caller's hint", async () => {
    const dir = scratchDir("read-json", { "bad.json": '{\n  "a": 1,\n}\n' });
    const file = join(dir, "bad.json");
    expect(await failure(readJsonFile(file, "the run index", "; repair or remove it"))).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\(top level\\): not valid JSON \\(.*line 3, column 1.*\\); repair or remove it$`,
      ),
    );
  });

  it("refuses an empty file", async () => {
    const file = join(scratchDir("read-json", { "empty.json": "" }), "empty.json");
    expect(await failure(readJsonFile(file))).toMatch(
      /empty\.json: \(top level\): not valid JSON \(Unexpected end of JSON input\)$/,
    );
  });
});

describe("readJsonFileIfPresent", () => {
  it("is undefined for a missing file and the value otherwise, even JSON null", async () => {
    const dir = scratchDir("read-json", { "null.json": "null" });
    expect(await readJsonFileIfPresent(join(dir, "absent.json"))).toBeUndefined();
    expect(await readJsonFileIfPresent(join(dir, "null.json"))).toBeNull();
  });

  it("still refuses a file that is there but not JSON", async () => {
    const dir = scratchDir("read-json", { "bad.json": "{" });
    expect(await failure(readJsonFileIfPresent(join(dir, "bad.json")))).toMatch(
      /bad\.json: \(top level\): not valid JSON/,
    );
  });
});

describe("parseJsonText", () => {
  it("names the place given, such as a file and line", () => {
    expect(() => parseJsonText("{not json", "signals.jsonl: line 3")).toThrow(
      /^signals\.jsonl: line 3: \(top level\): not valid JSON \(.*line 1, column 2.*\)$/,
    );
    expect(parseJsonText("[1]", "x")).toEqual([1]);
  });
});
