/**
 * Reads the real recorded Datadog exchanges in test/fixtures/datadog-recordings
 * (see the README there for where each comes from).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const RECORDINGS_DIR = join(import.meta.dirname, "..", "fixtures", "datadog-recordings");

export interface RecordedBody {
  /** The JSON body, when it round-trips byte for byte. */
  body?: unknown;
  /** Otherwise the exact text (e.g. a body with `1.0` in it). */
  body_text?: string;
}

export interface RecordedExchange {
  request: { method: string; path: string; query: Record<string, string> } & RecordedBody;
  response: { status: number; headers: Record<string, string> } & RecordedBody;
}

export interface Recording {
  endpoint: string;
  name: string;
  about: string;
  provenance: {
    repository: string;
    commit: string;
    paths: string[];
    recorded_at: string;
    licence: string;
    licence_file: string;
  };
  trimmed: Array<{ exchange: number; list: string; items_recorded: number; items_kept: number; why: string }>;
  exchanges: RecordedExchange[];
}

export function loadRecording(endpoint: string, name: string): Recording {
  return JSON.parse(readFileSync(join(RECORDINGS_DIR, endpoint, `${name}.json`), "utf8")) as Recording;
}

/** A recorded body as JSON (null for none). */
export function bodyOf(recorded: RecordedBody): unknown {
  if (recorded.body_text !== undefined) return JSON.parse(recorded.body_text);
  return recorded.body ?? null;
}

/** A recorded body as the exact text that went over the wire. */
export function wireText(recorded: RecordedBody): string {
  if (recorded.body_text !== undefined) return recorded.body_text;
  return recorded.body === null || recorded.body === undefined ? "" : JSON.stringify(recorded.body);
}

/** The list under `key` in every response of a recording, in recorded order. */
export function recordedItems<T = Record<string, unknown>>(recording: Recording, key: string): T[] {
  return recording.exchanges.flatMap((exchange) => {
    const list = (bodyOf(exchange.response) as Record<string, unknown> | null)?.[key];
    return Array.isArray(list) ? (list as T[]) : [];
  });
}
