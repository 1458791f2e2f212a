/**
 * Reads a response body with a ceiling on its size. A server that sends a
 * huge page, a body that never ends or a gzip bomb must not take the process
 * down (a heap-limit crash or an OOM kill leaves no snapshot and no verdict):
 * the read counts decoded bytes as they stream in and gives up past the
 * limit, and a declared Content-Length over it fails before any byte is read.
 * Bodies past a few MiB are read one at a time (`large-body-gate.ts`).
 */
import { LARGE_BODY_BYTES, largeBodyGate } from "./large-body-gate.js";

/** Well above any real Datadog page (a 1000-signal page is a few MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const MIB = 1024 * 1024;

/** The limit as people set it: in MiB when that is how it was given, else in bytes. */
export function formatByteLimit(bytes: number): string {
  const mib = bytes / MIB;
  return Number.isInteger(mib * 1000) ? `${mib} MiB` : `${bytes} bytes`;
}

/** The body was larger than the limit; nothing of it is kept. */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
}

export async function readBoundedText(response: Response, maxBytes: number, signal?: AbortSignal): Promise<string> {
  const declared = response.headers.get("content-length");
  // Content-Length counts encoded bytes; a compressed body is still checked as it is decoded below.
  if (declared !== null && Number(declared) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new ResponseTooLargeError(
      `the response declares ${declared} bytes, over the ${formatByteLimit(maxBytes)} limit on a response body`,
    );
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let large = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Cancelling stops the download (and the decompression) at once.
        await reader.cancel().catch(() => {});
        throw new ResponseTooLargeError(
          `the response body passed the ${formatByteLimit(maxBytes)} limit and was abandoned`,
        );
      }
      chunks.push(value);
      if (!large && total > LARGE_BODY_BYTES) {
        await largeBodyGate.acquire(signal);
        large = true;
      }
    }
  } finally {
    if (large) largeBodyGate.release();
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total));
}
