/** Runs the CLI in-process, capturing what it prints. */

import type { Output } from "../../src/cli/output.js";
import { runCli } from "../../src/cli/program.js";
import { redactSecrets } from "../../src/secrets.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = {
    out: (line) => out.push(redactSecrets(line)),
    err: (line) => err.push(redactSecrets(line)),
    isTTY: false,
  };
  const code = await runCli(argv, { output, env });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
