import { createHash } from "node:crypto";
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readManifest } from "../../src/pack/manifest.js";
import { safeFileSegment } from "../../src/pack/safe-path.js";
import { verifyPack } from "../../src/pack/verify.js";
import { writePack } from "../../src/pack/write-pack.js";
import type { RenderedFile } from "../../src/report/contract.js";
import { PACK_HEADER } from "./pack-header.js";

const header = PACK_HEADER;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "ddproof-pack-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const files: RenderedFile[] = [
  { path: "a.json", text: '{"a":1}\n' },
  { path: "b.bin", bytes: new Uint8Array([1, 2, 3]) },
  {
    path: "populations/signals.csv",
    chunks: async function* () {
      yield "id\n";
      for (let i = 0; i < 1000; i += 1) yield `${i}\n`;
    },
  },
];

describe("writePack", () => {
  it("writes every file with a manifest of sizes and hashes, and verify agrees", async () => {
    const out = join(root, "pack");
    const manifest = await writePack(out, files, header);
    expect(manifest.files.map((file) => file.path)).toEqual(["a.json", "b.bin", "populations/signals.csv"]);
    const text = await readFile(join(out, "a.json"));
    expect(manifest.files[0]).toEqual({
      path: "a.json",
      size: text.length,
      sha256: createHash("sha256").update(text).digest("hex"),
    });
    expect(await readManifest(out)).toEqual(manifest);
    const result = await verifyPack(out);
    expect(result).toMatchObject({ ok: true, changed: [], missing: [], added: [] });
    expect((await stat(join(out, "a.json"))).mode & 0o777).toBe(0o640);
    expect((await readdir(root)).sort()).toEqual(["pack"]);
  });

  it("leaves nothing behind when a renderer fails half-way, and keeps an earlier pack intact", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    const failing: RenderedFile = {
      path: "big.csv",
      chunks: async function* () {
        yield "partial\n";
        throw new Error("disk full");
      },
    };
    await expect(writePack(out, [files[0]!, failing], header, { replace: true })).rejects.toThrow("disk full");
    expect((await readdir(root)).sort()).toEqual(["pack"]);
    expect((await verifyPack(out)).ok).toBe(true);
    expect(await readdir(out)).not.toContain("big.csv");
  });

  it("replaces an existing pack only when asked, and never another folder", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await expect(writePack(out, files, header)).rejects.toThrow(/a pack already exists there; use --force/);
    await writePack(out, [files[0]!], header, { replace: true });
    expect((await readManifest(out)).files).toHaveLength(1);
    expect((await readdir(root)).sort()).toEqual(["pack"]);

    const other = join(root, "photos");
    await mkdir(other);
    await writeFile(join(other, "cat.jpg"), "meow");
    await expect(writePack(other, files, header, { replace: true })).rejects.toThrow(InputError);
    expect(await readFile(join(other, "cat.jpg"), "utf8")).toBe("meow");
  });

  it.each(["../escape.txt", "/etc/passwd", "a/../../b", "", "dir//x", ".hidden", "a\\b.csv"])(
    "refuses the path %j",
    async (path) => {
      await expect(writePack(join(root, "p"), [{ path, text: "x" }], header)).rejects.toThrow(/refusing to write/);
      expect(await readdir(root)).toEqual([]);
    },
  );

  it.each(["../outside.txt", "/etc/passwd", "a/../../b"])(
    "verify refuses a manifest that lists %j, reading nothing outside the pack",
    async (path) => {
      const out = join(root, "pack");
      await writePack(out, files, header);
      const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8")) as {
        files: Array<{ path: string }>;
      };
      manifest.files[0]!.path = path;
      await writeFile(join(out, "manifest.json"), JSON.stringify(manifest));
      await expect(verifyPack(out)).rejects.toThrow(
        /manifest\.json: files\[0\]\.path: expected a relative path inside the pack/,
      );
    },
  );

  it("makes safe file-name segments from any name", () => {
    expect(safeFileSegment("pci-dss-4.0.1")).toBe("pci-dss-4.0.1");
    expect(safeFileSegment("../../etc/passwd")).toBe("etc-passwd");
    expect(safeFileSegment("My Framework/v2")).toBe("my-framework-v2");
    expect(safeFileSegment("...")).toBe("unnamed");
  });
});

describe("verifyPack", () => {
  it("lists files changed, missing and added", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await appendFile(join(out, "a.json"), " ");
    await unlink(join(out, "b.bin"));
    await writeFile(join(out, "populations", "extra.csv"), "x");
    const result = await verifyPack(out);
    expect(result).toMatchObject({
      ok: false,
      changed: ["a.json"],
      missing: ["b.bin"],
      added: ["populations/extra.csv"],
    });
  });

  // Each verdict alone: a verify that forgot one of them would still fail the combined case above.
  const tamperings: Array<{
    verdict: "changed" | "missing" | "added";
    path: string;
    tamper: (out: string) => Promise<void>;
  }> = [
    {
      verdict: "changed",
      path: "populations/signals.csv",
      tamper: (out) => appendFile(join(out, "populations", "signals.csv"), "1000\n"),
    },
    { verdict: "changed", path: "a.json", tamper: (out) => writeFile(join(out, "a.json"), '{"a":2}\n') },
    { verdict: "missing", path: "a.json", tamper: (out) => unlink(join(out, "a.json")) },
    {
      verdict: "added",
      path: "populations/extra.csv",
      tamper: (out) => writeFile(join(out, "populations", "extra.csv"), "x"),
    },
    { verdict: "added", path: "notes.txt", tamper: (out) => writeFile(join(out, "notes.txt"), "") },
  ];
  it.each(tamperings)("reports a pack with only $path $verdict as not intact", async ({ verdict, path, tamper }) => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await tamper(out);
    const result = await verifyPack(out);
    const expected = { changed: [] as string[], missing: [] as string[], added: [] as string[] };
    expected[verdict] = [path];
    expect(result).toMatchObject({ ok: false, ...expected });
  });

  it("refuses a folder without a manifest with a clear error", async () => {
    await expect(verifyPack(root)).rejects.toThrow(/manifest\.json: cannot read the pack manifest \(ENOENT\)/);
  });
});

describe("writePack, file by file", () => {
  it("sorts the manifest's entries by path whatever order the renderers return", async () => {
    const out = join(root, "pack");
    const unordered: RenderedFile[] = ["z.txt", "populations/b.csv", "a.txt", "m.txt", "b.txt"].map((path) => ({
      path,
      text: path,
    }));
    const manifest = await writePack(out, unordered, header);
    expect(manifest.files.map((file) => file.path)).toEqual(["a.txt", "b.txt", "m.txt", "populations/b.csv", "z.txt"]);
  });

  it("writes the manifest as indented JSON of the pack format, ending in a newline, with private modes", async () => {
    const out = join(root, "pack");
    const manifest = await writePack(out, files, header);
    const text = await readFile(join(out, "manifest.json"), "utf8");
    expect(text).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
    expect(JSON.parse(text)).toMatchObject({ format: "ddproof-pack-manifest/1", ...header });
    expect((await stat(out)).mode & 0o777).toBe(0o750);
    expect((await stat(join(out, "populations"))).mode & 0o777).toBe(0o750);
    expect((await stat(join(out, "manifest.json"))).mode & 0o777).toBe(0o640);
  });

  it("writes a file larger than the stream's buffer whole", async () => {
    const out = join(root, "pack");
    const big = new Uint8Array(1024 * 1024).map((_, index) => index % 251);
    const manifest = await writePack(out, [{ path: "big.bin", bytes: big }], header);
    expect(manifest.files[0]).toEqual({
      path: "big.bin",
      size: big.length,
      sha256: createHash("sha256").update(big).digest("hex"),
    });
    expect((await verifyPack(out)).ok).toBe(true);
  });

  it("refuses two files with one path, and a file named like the manifest", async () => {
    const out = join(root, "pack");
    const twice = writePack(out, [files[0]!, { path: "a.json", text: "again" }], header);
    await expect(twice).rejects.toThrow(new Error('two renderers produced "a.json"'));
    await expect(writePack(out, [{ path: "manifest.json", text: "{}" }], header)).rejects.toThrow(
      new Error('two renderers produced "manifest.json"'),
    );
    expect(await readdir(root)).toEqual([]);
  });

  it("writes into an existing empty folder", async () => {
    const out = join(root, "empty");
    await mkdir(out);
    await writePack(out, files, header);
    expect((await verifyPack(out)).ok).toBe(true);
  });

  it("refuses a destination that is a file, or below a file", async () => {
    const file = join(root, "report.txt");
    await writeFile(file, "not a folder");
    const onFile = writePack(file, files, header);
    await expect(onFile).rejects.toThrow(InputError);
    await expect(onFile).rejects.toThrow(`${file}: exists and is not a ddproof pack; choose an empty or new folder`);
    const below = join(file, "pack");
    const underFile = writePack(below, files, header);
    await expect(underFile).rejects.toThrow(InputError);
    await expect(underFile).rejects.toThrow(`${below}: cannot write a pack there: ${file} is not a folder`);
    expect(await readFile(file, "utf8")).toBe("not a folder");
  });

  it("names a failed write (an error with a system code) for what it is, and passes other errors on as they are", async () => {
    const out = join(root, "pack");
    const diskFull = Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    const failing = (error: Error): RenderedFile => ({
      path: "big.csv",
      chunks: async function* () {
        yield "partial\n";
        throw error;
      },
    });
    const failed = await writePack(out, [failing(diskFull)], header).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toBe(
      `${out}: the pack could not be written (no space left on device); the destination was left as it was`,
    );
    expect((failed as Error).cause).toBe(diskFull);

    const bug = new Error("renderer bug");
    expect(await writePack(out, [failing(bug)], header).catch((error: unknown) => error)).toBe(bug);
    expect(await readdir(root)).toEqual([]);
  });
});

describe("verifyPack, verdict by verdict", () => {
  async function editManifest(out: string, edit: (manifest: { files: Array<Record<string, unknown>> }) => void) {
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    edit(manifest);
    await writeFile(join(out, "manifest.json"), JSON.stringify(manifest));
  }

  it("counts a file whose size disagrees with the manifest as changed", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await editManifest(out, (manifest) => {
      manifest.files[1]!.size = 4;
    });
    expect(await verifyPack(out)).toMatchObject({ ok: false, changed: ["b.bin"], missing: [], added: [] });
  });

  it("is not intact with one change and one addition, nor with one change and one missing file", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await writeFile(join(out, "a.json"), '{"a":2}\n');
    await writeFile(join(out, "extra.txt"), "x");
    expect(await verifyPack(out)).toMatchObject({ ok: false, changed: ["a.json"], missing: [], added: ["extra.txt"] });
    await unlink(join(out, "extra.txt"));
    await unlink(join(out, "b.bin"));
    expect(await verifyPack(out)).toMatchObject({ ok: false, changed: ["a.json"], missing: ["b.bin"], added: [] });
  });

  it("lists added files sorted, and never the manifest itself", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    for (const name of ["zz.txt", "c.txt", "populations/q.csv", "aa.txt", "m.txt"])
      await writeFile(join(out, name), "x");
    expect((await verifyPack(out)).added).toEqual(["aa.txt", "c.txt", "m.txt", "populations/q.csv", "zz.txt"]);
  });

  it("fails on a listed file it cannot read, instead of calling it missing", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await unlink(join(out, "a.json"));
    await mkdir(join(out, "a.json"));
    await expect(verifyPack(out)).rejects.toMatchObject({ code: "EISDIR" });
  });

  it("refuses a manifest of another format, or with a hash that is not exactly 64 hex digits", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    const manifestText = await readFile(join(out, "manifest.json"), "utf8");
    const hash = (JSON.parse(manifestText) as { files: Array<{ sha256: string }> }).files[0]!.sha256;
    for (const sha256 of [`${hash}0`, `0${hash}`, hash.slice(1), hash.toUpperCase()]) {
      await editManifest(out, (manifest) => {
        manifest.files[0]!.sha256 = sha256;
      });
      await expect(verifyPack(out)).rejects.toThrow(/manifest\.json: files\[0\]\.sha256: /);
    }
    await writeFile(
      join(out, "manifest.json"),
      manifestText.replace("ddproof-pack-manifest/1", "ddproof-pack-manifest/2"),
    );
    await expect(verifyPack(out)).rejects.toThrow(/manifest\.json: format: /);
  });

  it("names the manifest when it is not JSON", async () => {
    const out = join(root, "pack");
    await writePack(out, files, header);
    await writeFile(join(out, "manifest.json"), "{ broken");
    const broken = verifyPack(out);
    await expect(broken).rejects.toThrow(InputError);
    await expect(broken).rejects.toThrow(
      new RegExp(
        `^${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/manifest\\.json: \\(top level\\): not valid JSON \\(.+\\)$`,
      ),
    );
  });
});
