/**
 * Several tests run the built CLI (`dist/`) in its own process. A plain
 * `npx vitest run` after editing a source would test the old build, so the
 * run rebuilds first whenever any source is newer than the build.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** tsc rewrites every output on each build, so this one file's time is the build's. */
const BUILT_CLI = join(ROOT, "dist", "cli", "main.js");

function newestSourceTime(): number {
  const entries = readdirSync(join(ROOT, "src"), { recursive: true, withFileTypes: true });
  const times = entries
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
  const configs = ["tsconfig.json", "tsconfig.build.json", "package.json"].map(
    (name) => statSync(join(ROOT, name)).mtimeMs,
  );
  return Math.max(...times, ...configs);
}

function builtTime(): number | null {
  try {
    return statSync(BUILT_CLI).mtimeMs;
  } catch {
    return null;
  }
}

export default function setup(): void {
  const built = builtTime();
  if (built !== null && built >= newestSourceTime()) return;
  process.stdout.write("sources changed since the last build: building dist/ first\n");
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    { cwd: ROOT, stdio: "inherit" },
  );
}
