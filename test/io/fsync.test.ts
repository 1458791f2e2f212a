import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsyncFile } from "../../src/io/fsync.js";
import { scratchDir } from "../helpers/scratch-dir.js";

describe("fsyncFile", () => {
  it("flushes a file and leaves its content as it was", async () => {
    const dir = scratchDir("fsync", { "a.txt": "kept\n" });
    await fsyncFile(join(dir, "a.txt"));
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("kept\n");
  });

  it("fails for a file that is not there, rather than pretending it was flushed", async () => {
    await expect(fsyncFile(join(scratchDir("fsync"), "absent.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
