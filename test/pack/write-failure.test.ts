/**
 * A pack file whose write fails after it has started: the file system refuses
 * the open while the renderer is still producing chunks (here, a file named
 * like a folder another file of the pack made). The failure is reported as a
 * failed write of the pack, with the file system's error as its cause, the
 * renderer is not asked for more, and nothing is left behind. And a file named
 * like the pack's own signature is refused before anything is written.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writePack } from "../../src/pack/write-pack.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { PACK_HEADER } from "./pack-header.js";

const header = PACK_HEADER;

describe("a write that fails while its file is being produced", () => {
  it("fails the pack with the file system's error, asks the renderer for nothing more and leaves nothing", async () => {
    const root = scratchDir("pack-write-failure");
    const out = join(root, "pack");
    const produced: number[] = [];
    const failed = await writePack(
      out,
      [
        { path: "x/inner.txt", text: "made the folder x\n" },
        {
          path: "x",
          chunks: async function* () {
            // Up to 200 chunks, 50 ms apart: the refused open is reported long before the last.
            for (let index = 0; index < 200; index += 1) {
              produced.push(index);
              yield `chunk ${index}\n`;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          },
        },
      ],
      header,
    ).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(
      new RegExp(
        `^${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the pack could not be written \\(EEXIST: file already exists, open '.*/x'\\); the destination was left as it was$`,
      ),
    );
    expect(((failed as Error).cause as NodeJS.ErrnoException).code).toBe("EEXIST");
    // The chunk after the failure was reported meets it; none is asked for after that.
    expect(produced.length).toBeGreaterThan(0);
    expect(produced.length).toBeLessThan(200);
    expect(await readdir(root)).toEqual([]);
  });
});

describe("a file named like the pack's signature", () => {
  it("is refused before anything is written, even for a pack that is not signed", async () => {
    const root = scratchDir("pack-signature-name");
    const out = join(root, "pack");
    const refused = writePack(out, [{ path: "manifest.json.sig", text: "not a signature" }], header);
    await expect(refused).rejects.toThrow(new Error('two renderers produced "manifest.json.sig"'));
    expect(await readdir(root)).toEqual([]);
  });
});
