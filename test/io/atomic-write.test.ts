import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAtomicLineWriter, writeFileAtomic } from "../../src/io/atomic-write.js";

const run = promisify(execFile);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-atomic-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("atomic writes", () => {
  it("shows a line file under its name only once committed", async () => {
    const target = join(dir, "lines.jsonl");
    const writer = await openAtomicLineWriter(target);
    await writer.write("one");
    await writer.append("two\n");
    expect(await readdir(dir)).not.toContain("lines.jsonl");
    await writer.commit();
    expect(await readFile(target, "utf8")).toBe("one\ntwo\n");
    expect(await readdir(dir)).toEqual(["lines.jsonl"]);
  });

  it("turns a write error (a full disk) into a rejected promise, not a crash, and leaves nothing behind", async () => {
    // A file-size limit makes every write past 1 KB fail with EFBIG, as a full disk would.
    const module = pathToFileURL(fileURLToPath(new URL("../../dist/io/atomic-write.js", import.meta.url))).href;
    const script = `
      const { openAtomicLineWriter } = await import(${JSON.stringify(module)});
      const writer = await openAtomicLineWriter(${JSON.stringify(join(dir, "big.jsonl"))});
      try {
        for (let i = 0; i < 2000; i += 1) await writer.write("x".repeat(100));
        await writer.commit();
        console.log("committed");
      } catch (error) {
        await writer.abort();
        console.log("rejected " + error.code);
      }`;
    const { stdout } = await run("bash", [
      "-c",
      `ulimit -f 1; exec "${process.execPath}" --input-type=module -e '${script.replace(/'/g, "'\\''")}'`,
    ]);
    expect(stdout.trim()).toBe("rejected EFBIG");
    expect(await readdir(dir)).toEqual([]);
  });

  it("replaces a file atomically", async () => {
    const target = join(dir, "a.json");
    await writeFile(target, "old");
    await writeFileAtomic(target, "new");
    expect(await readFile(target, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["a.json"]);
  });
});
