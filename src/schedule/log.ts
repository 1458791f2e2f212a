/**
 * Structured log lines for the scheduler and `run-job`: one line per event,
 * as text for people (`2026-11-29T02:00:00.120Z info  nightly-gap 2026-11-29T020000Z run started period=last-24h`)
 * or as one JSON object per line for log pipelines
 * (`{"time":…,"level":"info","msg":"run started","job":"nightly-gap","run":"2026-11-29T020000Z","period":"last-24h"}`).
 *
 * Lines are handed to a writer that is expected to redact secrets (the CLI's
 * output does); the logger itself never formats keys or webhook URLs.
 */
import { z } from "zod";

export const LOG_FORMATS = ["text", "json"] as const;
export const LogFormat = z.enum(LOG_FORMATS);
export type LogFormat = z.infer<typeof LogFormat>;

export type LogLevel = "info" | "warn" | "error";
export type LogValue = string | number | boolean | null;
export type LogFields = Readonly<Record<string, LogValue | undefined>>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines also carry these fields (e.g. `job` and `run`). */
  with(fields: LogFields): Logger;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  job: string | null;
  run: string | null;
  [field: string]: LogValue;
}

function textValue(value: LogValue): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

function formatText(record: LogRecord): string {
  const { time, level, msg, job, run, ...rest } = record;
  const where = [job, run].filter((part) => part !== null).join(" ");
  const extras = Object.entries(rest).map(([key, value]) => `${key}=${textValue(value)}`);
  return [time, level.padEnd(5), where, msg, ...extras].filter((part) => part !== "").join(" ");
}

const FORMATTERS: Record<LogFormat, (record: LogRecord) => string> = {
  text: formatText,
  json: (record) => JSON.stringify(record),
};

export function createLogger(
  format: LogFormat,
  write: (line: string) => void,
  clock: () => Date = () => new Date(),
  bound: LogFields = {},
): Logger {
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const record: LogRecord = { time: clock().toISOString(), level, msg, job: null, run: null };
    for (const [key, value] of Object.entries({ ...bound, ...fields })) {
      if (value !== undefined && key !== "time" && key !== "level" && key !== "msg") record[key] = value;
    }
    write(FORMATTERS[format](record));
  };
  return {
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    with: (fields) => createLogger(format, write, clock, { ...bound, ...fields }),
  };
}
