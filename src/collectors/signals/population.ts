/**
 * The signal population file: every signal of the period, one JSON object a
 * line. Concurrent time slices each stream into a part file; the parts are
 * joined in time order into the final file, which appears atomically. If
 * collection fails, every part is removed and no population file appears.
 */
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { type AtomicLineWriter, openAtomicLineWriter } from "../../io/atomic-write.js";
import type { SignalRecord } from "./read-signal.js";

export const SIGNALS_POPULATION_FILE = "signals.jsonl";

export function signalLine(signal: SignalRecord): string {
  return JSON.stringify({
    id: signal.id,
    timestamp: new Date(signal.timestamp).toISOString(),
    severity: signal.severity,
    rule_id: signal.rule_id,
    rule_name: signal.rule_name,
    triage_state: signal.triage_state,
    triage_updated_at: signal.triage_updated_at === null ? null : new Date(signal.triage_updated_at).toISOString(),
    tags: signal.tags,
  });
}

export class SignalPopulation {
  private readonly parts: Array<{ path: string; writer: AtomicLineWriter }> = [];

  private constructor(private readonly dir: string) {}

  static async create(dir: string, sliceCount: number): Promise<SignalPopulation> {
    const population = new SignalPopulation(dir);
    for (let index = 0; index < sliceCount; index += 1) {
      const path = join(dir, `.${SIGNALS_POPULATION_FILE}.slice-${String(index).padStart(4, "0")}`);
      population.parts.push({ path, writer: await openAtomicLineWriter(path, 0o600) });
    }
    return population;
  }

  writer(slice: number): AtomicLineWriter {
    return this.parts[slice]!.writer;
  }

  /** Joins the slices, in order, into the final file. */
  async commit(): Promise<string> {
    for (const part of this.parts) await part.writer.commit();
    // Evidence, like the snapshot beside it: not world-readable.
    const final = await openAtomicLineWriter(join(this.dir, SIGNALS_POPULATION_FILE), 0o640);
    try {
      for (const part of this.parts) {
        // Each part holds whole lines, so chunks can be copied as they come.
        for await (const chunk of createReadStream(part.path, { encoding: "utf8" }))
          await final.append(chunk as string);
      }
      await final.commit();
    } catch (error) {
      await final.abort();
      throw error;
    } finally {
      await this.removeParts();
    }
    return SIGNALS_POPULATION_FILE;
  }

  async abort(): Promise<void> {
    await Promise.all(this.parts.map((part) => part.writer.abort()));
    await this.removeParts();
  }

  private async removeParts(): Promise<void> {
    await Promise.all(this.parts.map((part) => rm(part.path, { force: true })));
  }
}
