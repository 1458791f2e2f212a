/**
 * Live progress for `collect` on a terminal: one line per collector with its
 * items, requests and status. When stderr is not a TTY nothing is drawn, so
 * logs and CI output stay clean.
 */
import cliProgress from "cli-progress";
import type { CollectEvent } from "../collectors/run.js";
import type { CollectorId } from "../snapshot/schema.js";

export interface CollectProgress {
  onEvent(event: CollectEvent): void;
  stop(): void;
}

const SILENT: CollectProgress = { onEvent: () => {}, stop: () => {} };

export function createCollectProgress(enabled: boolean, ids: readonly CollectorId[]): CollectProgress {
  if (!enabled) return SILENT;
  const multibar = new cliProgress.MultiBar(
    {
      format: " {id} {state} {items} items · {requests} requests",
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      noTTYOutput: false,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  const width = Math.max(...ids.map((id) => id.length));
  const bars = new Map(
    ids.map((id) => [id, multibar.create(1, 0, { id: id.padEnd(width), state: "waiting ", items: 0, requests: 0 })]),
  );
  return {
    onEvent(event) {
      const bar = bars.get(event.id);
      if (!bar) return;
      if (event.type === "start") bar.update(0, { state: "running " });
      else if (event.type === "progress") bar.update(0, { items: event.items, requests: event.requests });
      else bar.update(1, { state: event.status === "ok" ? "done    " : "FAILED  ", requests: event.requests });
    },
    stop() {
      multibar.stop();
    },
  };
}
