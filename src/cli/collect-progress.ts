/**
 * Live progress for `collect` on a terminal: one line per collector with its
 * items, requests and status, or with several orgs one line per org. When
 * stderr is not a TTY nothing is drawn, so logs and CI output stay clean.
 */
import cliProgress from "cli-progress";
import type { CollectEvent } from "../collectors/run.js";
import type { CollectorId } from "../snapshot/schema.js";

export interface CollectProgress {
  onEvent(event: CollectEvent): void;
  stop(): void;
}

export interface FleetProgress {
  onEvent(org: string, event: CollectEvent): void;
  stop(): void;
}

/** Draws nothing; fits both kinds of progress. */
const SILENT = { onEvent: () => {}, stop: () => {} };

function multiBar(format: string): cliProgress.MultiBar {
  return new cliProgress.MultiBar(
    {
      format,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      noTTYOutput: false,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
}

export function createCollectProgress(enabled: boolean, ids: readonly CollectorId[]): CollectProgress {
  if (!enabled) return SILENT;
  const multibar = multiBar(" {id} {state} {items} items · {requests} requests");
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

/** One bar per org: its collectors done out of those run, their items and requests, and how many failed. */
export function createFleetProgress(enabled: boolean, orgs: readonly string[], collectors: number): FleetProgress {
  if (!enabled) return SILENT;
  const multibar = multiBar(" {org} {value}/{total} collectors · {items} items · {requests} requests{failed}");
  const width = Math.max(...orgs.map((org) => org.length));
  const state = new Map(
    orgs.map((org) => [
      org,
      {
        bar: multibar.create(collectors, 0, { org: org.padEnd(width), items: 0, requests: 0, failed: "" }),
        done: 0,
        failed: 0,
        items: new Map<CollectorId, number>(),
        requests: new Map<CollectorId, number>(),
      },
    ]),
  );
  const sum = (values: Map<CollectorId, number>) => [...values.values()].reduce((a, b) => a + b, 0);
  return {
    onEvent(org, event) {
      const entry = state.get(org);
      if (!entry || event.type === "start") return;
      if (event.type === "progress") entry.items.set(event.id, event.items);
      else {
        entry.done += 1;
        if (event.status === "error") entry.failed += 1;
      }
      entry.requests.set(event.id, event.requests);
      entry.bar.update(entry.done, {
        items: sum(entry.items),
        requests: sum(entry.requests),
        failed: entry.failed > 0 ? ` · ${entry.failed} FAILED` : "",
      });
    },
    stop() {
      multibar.stop();
    },
  };
}
