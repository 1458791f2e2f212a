/**
 * Slices in flight across the whole process. Each slice holds one page of
 * signals (with the raw attributes a scope query reads) until it is folded
 * and written, so pages held grow with slices. One org may use up to
 * MAX_SLICES; a fleet collects many orgs in one process, and 20 orgs of 8
 * slices each held 160 pages at once and ran out of the launcher's 384 MB
 * heap. So the orgs collecting signals at the same moment share a process
 * budget: with 20 orgs each gets one slice, which still keeps every org's
 * own rate-limit budget busy (one slice per org is 20 requests in flight,
 * more than two cores can fold) while holding about 20 pages.
 */

/** Signal slices the process runs at once, shared by the orgs collecting. */
export const PROCESS_SLICES = 16;

/** The most slices one of `active` concurrent signal collections may use: never fewer than one. */
export function sliceCapFor(active: number, maxSlices: number, processSlices = PROCESS_SLICES): number {
  return Math.max(1, Math.min(maxSlices, Math.floor(processSlices / Math.max(1, active))));
}

/** Counts the signal collections running in this process. */
export class ActiveCollections {
  private running = 0;

  get count(): number {
    return this.running;
  }

  /** Counts `work` as running while it runs, failed or not. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
    }
  }
}

/** Every signal collection of the process: one per org collecting. */
export const activeSignalCollections = new ActiveCollections();
