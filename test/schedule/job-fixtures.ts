/**
 * Shared pieces of the schedule tests: a job in a temporary output root, run
 * settings aimed at a simulator, and a log that keeps its records for
 * assertions. Packs skip the PDFs (about 2 s each) unless a test asks for them.
 */
import { join } from "node:path";
import { Thresholds } from "../../src/config/schema.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";
import { createLogger, type Logger, type LogRecord } from "../../src/schedule/log.js";
import type { NotifyTarget, RunReport } from "../../src/schedule/notify/contract.js";
import type { RunSettings } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";

export const FAST_FORMATS = REPORT_FORMATS.filter((format) => !format.id.startsWith("pdf-"));

/** Two frameworks keep assessment quick; ATT&CK is needed for the attack metrics. */
export const TEST_FRAMEWORKS = ["pci-dss-4.0.1", "mitre-attack"] as const;

export function testJob(root: string, name: string, overrides: Partial<ScheduledJob> = {}): ScheduledJob {
  return {
    name,
    cron: "0 2 * * *",
    timezone: "UTC",
    kind: "gap",
    period: "last-24h",
    runMissedOnStart: false,
    retention: undefined,
    jobDir: join(root, name),
    inputs: { frameworks: [...TEST_FRAMEWORKS], userDirs: [], attestationsFile: null },
    notify: { datadogEvent: true, datadogMetrics: true, slackWebhook: null },
    ...overrides,
  };
}

export interface CapturedLog {
  log: Logger;
  records: LogRecord[];
  messages(level?: LogRecord["level"]): string[];
  /** Resolves with the first record whose message is `msg`, as soon as it is written (or at once if it was). */
  once(msg: string): Promise<LogRecord>;
}

export function captureLog(): CapturedLog {
  const records: LogRecord[] = [];
  const waiting: Array<{ msg: string; resolve: (record: LogRecord) => void }> = [];
  const write = (line: string) => {
    const record = JSON.parse(line) as LogRecord;
    records.push(record);
    for (const waiter of waiting.filter((candidate) => candidate.msg === record.msg)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(record);
    }
  };
  return {
    log: createLogger("json", write),
    records,
    messages: (level) =>
      records.filter((record) => level === undefined || record.level === level).map((record) => record.msg),
    once: (msg) => {
      const written = records.find((record) => record.msg === msg);
      return written ? Promise.resolve(written) : new Promise((resolve) => waiting.push({ msg, resolve }));
    },
  };
}

export function settingsFor(sim: RunningSimulator, log: Logger, overrides: Partial<RunSettings> = {}): RunSettings {
  return {
    target: { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: sim.url },
    thresholds: Thresholds.parse({}),
    orgName: "schedule test org",
    log,
    formats: FAST_FORMATS,
    policy: { maxRetries: 1, baseDelayMs: 50 },
    ...overrides,
  };
}

/** A notification target that keeps the reports it is sent, and looks around (`onSend`) while it is sent one. */
export function reportRecorder(onSend: () => Promise<void> = async () => {}): NotifyTarget & { reports: RunReport[] } {
  const reports: RunReport[] = [];
  return {
    id: "recorder",
    reports,
    enabled: () => true,
    async send(report) {
      reports.push(report);
      await onSend();
    },
  };
}
