/**
 * The period as ddproof enforces it on event records (signals, audit events,
 * daily log-volume buckets): a record belongs to [from, to) or it is left
 * out, whatever the API did with the requested filter. The client sends
 * whole seconds only and Datadog has been recorded returning events outside
 * the requested window, so the server's filter is a hint, not a guarantee.
 * Records outside the period are counted, so the collector can say how many
 * it left out.
 */
export interface TimeWindow {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export class PeriodFilter {
  private readonly fromMs: number;
  private readonly toMs: number;
  private outside = 0;

  constructor(period: TimeWindow) {
    this.fromMs = period.from.getTime();
    this.toMs = period.to.getTime();
  }

  /** Records seen outside the period so far. */
  get count(): number {
    return this.outside;
  }

  /** True when `time` (epoch ms) lies in [window.from, window.to). */
  contains(window: TimeWindow, time: number): boolean {
    return time >= window.from.getTime() && time < window.to.getTime();
  }

  /** True when `time` lies in the period; a record outside it is counted. */
  admit(time: number): boolean {
    if (time >= this.fromMs && time < this.toMs) return true;
    this.outside += 1;
    return false;
  }

  /**
   * The records of one slice of the period. A record outside the period is
   * counted; one inside the period but outside this slice belongs to another
   * slice (requests are widened at the edges) and is left to it, uncounted.
   */
  *keep<T extends { timestamp: number }>(slice: TimeWindow, records: Iterable<T>): Generator<T> {
    for (const record of records) {
      if (!this.admit(record.timestamp)) continue;
      if (this.contains(slice, record.timestamp)) yield record;
    }
  }
}
