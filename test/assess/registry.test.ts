import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CHECK_KINDS, CHECKS } from "../../src/assess/checks/index.js";
import { placeholdersOf } from "../../src/assess/message-format.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const kindFiles = readdirSync(join(ROOT, "src/assess/checks"))
  .filter((name) => name.endsWith(".ts") && name !== "index.ts")
  .map((name) => name.slice(0, -".ts".length))
  .sort();

describe("check registry", () => {
  it("lists exactly the modules in src/assess/checks, alphabetically", () => {
    expect(CHECK_KINDS).toEqual(kindFiles);
    expect([...CHECK_KINDS].sort()).toEqual(CHECK_KINDS);
  });

  for (const kind of kindFiles) {
    describe(kind, () => {
      const module = CHECKS[kind]!;

      it("names itself as its file", () => expect(module.meta.kind).toBe(kind));

      it("has a one-line description starting with a verb", () => {
        expect(module.meta.description).toMatch(/^(Verify|Count|Measure|Compare|Find|Require) [^\n]+\.$/);
      });

      it("has a test file and a docs page", () => {
        expect(existsSync(join(ROOT, "test/assess/checks", `${kind}.test.ts`))).toBe(true);
        expect(existsSync(join(ROOT, "docs/checks", `${kind}.md`))).toBe(true);
      });

      it("documents every parameter on its docs page", () => {
        const page = readFileSync(join(ROOT, "docs/checks", `${kind}.md`), "utf8");
        const shape = (module.params as unknown as z.ZodObject).shape;
        for (const key of Object.keys(shape)) expect(page, `docs/checks/${kind}.md lacks ${key}`).toContain(`\`${key}`);
        for (const messageId of Object.keys(module.meta.messages)) expect(page).toContain(`\`${messageId}\``);
      });

      it("fills its defaults from its schema alone", () => {
        // A params object with only what the schema requires parses, so every other field has a default or is optional.
        const required = kind === "log_source" ? { sources: ["cloudtrail"] } : {};
        expect(module.params.safeParse(required).success).toBe(true);
      });

      it("uses camelCase message ids and well-formed templates", () => {
        for (const [id, template] of Object.entries(module.meta.messages)) {
          expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
          expect(template.split("{{").length).toBe(template.split("}}").length);
          expect(placeholdersOf(template).every((name) => /^[a-z_]+$/.test(name))).toBe(true);
        }
      });
    });
  }
});
