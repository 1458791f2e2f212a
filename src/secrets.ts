/**
 * Keeps API and application keys out of everything ddproof writes.
 *
 * Keys are registered once when the credentials are read; every line printed
 * and every error message passes through `redactSecrets`. This is a second
 * wall: code should never put a key in a message in the first place.
 */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; real keys are 32-40 chars.
  if (value && value.length >= 8) secrets.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  return out;
}
