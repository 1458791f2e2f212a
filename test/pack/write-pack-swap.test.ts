/**
 * Replacing a pack when the last step fails: the old pack has moved aside
 * and the new one cannot be renamed into place (another process put
 * something at the destination in between, or the disk failed). The file
 * system's rename is replaced for this file only, so that one rename can be
 * made to fail; every other call is the real one.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPack } from "../../src/pack/verify.js";
import { writePack } from "../../src/pack/write-pack.js";
import { PACK_HEADER } from "./pack-header.js";

/** When set, a rename whose source is a pack's staging folder fails with this code. */
const fault = vi.hoisted(() => ({ stagingRename: null as string | null }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (fault.stagingRename !== null && /\.partial-[0-9a-f]+$/.test(from)) {
        throw Object.assign(new Error(`${fault.stagingRename}: rename '${from}' -> '${to}'`), {
          code: fault.stagingRename,
        });
      }
      return actual.rename(from, to);
    },
  };
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "ddproof-pack-swap-"));
});
afterEach(async () => {
  fault.stagingRename = null;
  await rm(root, { recursive: true, force: true });
});

describe("writePack replacing a pack", () => {
  it("puts the old pack back when the new one cannot be renamed into place, and reports the failure", async () => {
    const out = join(root, "pack");
    const old = await writePack(out, [{ path: "a.json", text: '{"old":true}\n' }], PACK_HEADER);

    fault.stagingRename = "EEXIST";
    const attempt = writePack(out, [{ path: "a.json", text: '{"new":true}\n' }], PACK_HEADER, { replace: true });
    await expect(attempt).rejects.toThrow(`${out}: the pack could not be written (EEXIST: rename '`);
    await expect(attempt).rejects.toThrow("the destination was left as it was");

    expect(await readFile(join(out, "a.json"), "utf8")).toBe('{"old":true}\n');
    expect(await verifyPack(out)).toMatchObject({ ok: true, manifest: old });
    // Neither the staging folder nor the moved-aside old pack is left beside it.
    expect(await readdir(root)).toEqual(["pack"]);
  });

  it("swaps the new pack in when nothing fails (the replaced rename is otherwise the real one)", async () => {
    const out = join(root, "pack");
    await writePack(out, [{ path: "a.json", text: '{"old":true}\n' }], PACK_HEADER);
    await writePack(out, [{ path: "a.json", text: '{"new":true}\n' }], PACK_HEADER, { replace: true });
    expect(await readFile(join(out, "a.json"), "utf8")).toBe('{"new":true}\n');
    expect(await readdir(root)).toEqual(["pack"]);
  });
});
