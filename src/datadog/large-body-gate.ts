/**
 * One large body at a time. Each body may grow to the response limit (16 MiB
 * by default), and a collection reads a dozen at once: if every one of them
 * were oversized (an endless body or a gzip bomb on every endpoint), a dozen
 * limits held together would add 200 MB to the client's 180 MB. So the first
 * 2 MiB of any body are read freely (most real pages are smaller, and the
 * paged collectors read one page at a time), and past that a body waits its
 * turn; a body waiting stops reading its socket,
 * so the server is held back, not buffered. The holder always finishes: it
 * completes, passes the limit, or meets its request deadline.
 */

/** Bodies read freely up to this size; real Datadog pages stay below it. */
export const LARGE_BODY_BYTES = 2 * 1024 * 1024;

export class LargeBodyGate {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  /** Resolves when the caller may read on; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(signal!.reason);
      };
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** Shared by every request of the process: the bound is on the process's memory. */
export const largeBodyGate = new LargeBodyGate();
