/**
 * Gives each test run a temporary folder of its own: every test process
 * inherits it as TMPDIR, so `os.tmpdir()` in tests, in the code under test
 * and in spawned CLIs points inside it. At the end the folder is removed, and
 * whatever a test left in it fails the run by name: every test removes what
 * it writes, and the system temp folder never fills up with test leftovers.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "ddproof-test-run-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (left.length === 0) return;
    // vitest reports an error thrown here but still exits 0, so fail the run explicitly.
    process.stderr.write(`\ntests left ${left.length} entries in the temporary folder: ${left.sort().join(", ")}\n`);
    process.exitCode = 1;
  };
}
