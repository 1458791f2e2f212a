/**
 * The last wall for secrets: everything written to stderr, including what
 * Node and undici print themselves under NODE_DEBUG (request URLs, which for
 * the Slack webhook are the secret), passes through the redactor. ddproof's
 * own lines are already redacted by `output.ts`; redacting twice is harmless.
 */
import { redactSecrets } from "../secrets.js";

export function redactStderr(stream: NodeJS.WriteStream = process.stderr): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === "string" ? redactSecrets(chunk) : chunk, ...rest)) as typeof stream.write;
}
