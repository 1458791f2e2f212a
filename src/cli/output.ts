/**
 * Where commands print. Human output goes to stdout; diagnostics to stderr.
 * Every line passes through the secret redactor, so a key that reached a
 * message by accident is still never printed.
 */
import { redactSecrets } from "../secrets.js";

export interface Output {
  out(line: string): void;
  err(line: string): void;
  readonly isTTY: boolean;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${redactSecrets(line)}\n`),
  err: (line) => process.stderr.write(`${redactSecrets(line)}\n`),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
};
