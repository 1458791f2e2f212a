/**
 * Applying an edit to a snapshot. The result is a new snapshot that shares
 * every part, list and item the edit does not touch with the one given, so
 * the given snapshot never changes and the incremental assessor can tell
 * what changed by identity. Signals recorded in the period stay as they
 * were; only the measured routing of a newly routed severity follows the new
 * notification rule, as the signals collector would have measured it.
 */
import { DateTime } from "luxon";
import { periodDays } from "../config/period.js";
import type {
  CollectorId,
  CollectorParts,
  LogSourceVolume,
  NotificationRule,
  PartData,
  Snapshot,
} from "../snapshot/schema.js";
import { hostMatches } from "./edit-targets.js";
import type { Edit } from "./edits.js";

/** Ids of what edits add: recognisable, and never a Datadog id. */
export const PLANNED_ARCHIVE_ID = "planned-archive";
export const plannedRouteId = (severity: string) => `planned-route-${severity}`;
/** The destination a planned notification rule names: someone still has to choose it. */
export const PLANNED_TARGET = "@planned-destination";

function withPart<K extends CollectorId>(snapshot: Snapshot, id: K, data: PartData<K>): Snapshot {
  const part = snapshot.collectors[id];
  if (part.status !== "ok") throw new Error(`the ${id} part was edited although its collector failed`);
  const collectors = { ...snapshot.collectors, [id]: { ...part, data } } as CollectorParts;
  return { ...snapshot, collectors };
}

function okData<K extends CollectorId>(snapshot: Snapshot, id: K): PartData<K> {
  const part = snapshot.collectors[id];
  if (part.status !== "ok") throw new Error(`the ${id} part was edited although its collector failed`);
  return part.data as PartData<K>;
}

function setRuleEnabled(snapshot: Snapshot, id: string, enabled: boolean): Snapshot {
  const rules = snapshot.collectors.rules;
  if (rules.status === "ok" && rules.data.rules.some((rule) => rule.id === id)) {
    return withPart(snapshot, "rules", {
      rules: rules.data.rules.map((rule) => (rule.id === id && rule.enabled !== enabled ? { ...rule, enabled } : rule)),
    });
  }
  const agentRules = okData(snapshot, "agent_rules").agent_rules;
  return withPart(snapshot, "agent_rules", {
    agent_rules: agentRules.map((rule) => (rule.id === id && rule.enabled !== enabled ? { ...rule, enabled } : rule)),
  });
}

const sameSource = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A volume with data on every day of the period: known daily counts kept, other days at the usual day's count. */
function everyDay(volume: LogSourceVolume | undefined, name: string, snapshot: Snapshot): LogSourceVolume {
  const known = new Map((volume?.days ?? []).filter((day) => day.count > 0).map((day) => [day.date, day.count]));
  const usual =
    known.size === 0 ? 1 : Math.max(1, Math.round([...known.values()].reduce((a, b) => a + b, 0) / known.size));
  const days = periodDays(snapshot.period).map((date) => ({ date, count: known.get(date) ?? usual }));
  const last = days.at(-1)!.date;
  return {
    source: volume?.source ?? name,
    days,
    total: days.reduce((sum, day) => sum + day.count, 0),
    last_seen: lastSeen(last, snapshot),
  };
}

/** Start of a day in the period's zone, as the collector writes `last_seen`. */
function lastSeen(day: string, snapshot: Snapshot): string {
  return DateTime.fromISO(day, { zone: snapshot.period.timezone }).toUTC().toISO({ suppressMilliseconds: true })!;
}

function editSource(snapshot: Snapshot, name: string, restore: boolean): Snapshot {
  const data = okData(snapshot, "log_sources");
  const existing = data.sources.find((volume) => sameSource(volume.source, name));
  let sources: LogSourceVolume[];
  if (restore) {
    const restored = everyDay(existing, name, snapshot);
    sources =
      existing === undefined
        ? [...data.sources, restored].sort((a, b) => a.source.localeCompare(b.source))
        : data.sources.map((volume) => (volume === existing ? restored : volume));
  } else {
    // The collector lists only sources with data in the period: a source that sent nothing is absent.
    sources = data.sources.filter((volume) => volume !== existing);
  }
  return withPart(snapshot, "log_sources", { ...data, sources });
}

function editHosts(snapshot: Snapshot, glob: string, protect: boolean): Snapshot {
  const data = okData(snapshot, "agents");
  return withPart(snapshot, "agents", {
    hosts: data.hosts.map((host) => {
      if (!hostMatches(glob, host.hostname)) return host;
      return protect
        ? { ...host, last_reported_at: snapshot.collected_at, has_security_agent: true, cws_enabled: true }
        : { ...host, last_reported_at: null, has_security_agent: false, cws_enabled: false };
    }),
  });
}

function route(snapshot: Snapshot, severity: string): Snapshot {
  const rule: NotificationRule = {
    id: plannedRouteId(severity),
    name: `Route ${severity} signals (planned)`,
    enabled: true,
    severities: [severity],
    rule_types: [],
    trigger_source: "security_signals",
    query: "",
    targets: [PLANNED_TARGET],
  };
  const rules = okData(snapshot, "notification_rules").notification_rules.filter((r) => r.id !== rule.id);
  const edited = withPart(snapshot, "notification_rules", { notification_rules: [...rules, rule] });
  const signals = edited.collectors.signals;
  if (signals.status !== "ok" || signals.data.routing === null) return edited;
  // An unscoped rule for the severity matches every signal of it the period recorded.
  const routing = signals.data.routing;
  const total = routing.by_severity[severity]?.total ?? 0;
  return withPart(edited, "signals", {
    ...signals.data,
    routing: {
      ...routing,
      by_severity: { ...routing.by_severity, ...(total > 0 ? { [severity]: { total, routed: total } } : {}) },
      rules: [
        ...routing.rules.filter((r) => r.id !== rule.id),
        { id: rule.id, matched_by_severity: total > 0 ? { [severity]: total } : {} },
      ],
    },
  });
}

export function applyEdit(snapshot: Snapshot, edit: Edit): Snapshot {
  switch (edit.kind) {
    case "enable-rule":
    case "disable-rule":
      return setRuleEnabled(snapshot, edit.rule, edit.kind === "enable-rule");
    case "drop-source":
    case "restore-source":
      return editSource(snapshot, edit.source, edit.kind === "restore-source");
    case "protect-hosts":
    case "unprotect-hosts":
      return editHosts(snapshot, edit.glob, edit.kind === "protect-hosts");
    case "route":
      return route(snapshot, edit.severity);
    case "set-retention": {
      const data = okData(snapshot, "log_indexes");
      return withPart(snapshot, "log_indexes", {
        indexes: data.indexes.map((index) =>
          index.name === edit.index ? { ...index, retention_days: edit.days } : index,
        ),
      });
    }
    case "add-archive": {
      const data = okData(snapshot, "log_archives");
      const archive = {
        id: PLANNED_ARCHIVE_ID,
        name: "Planned archive",
        query: "*",
        state: "WORKING",
        destination_type: null,
      };
      return withPart(snapshot, "log_archives", {
        archives: [...data.archives.filter((a) => a.id !== archive.id), archive],
      });
    }
  }
}

export function applyEdits(snapshot: Snapshot, edits: readonly Edit[]): Snapshot {
  return edits.reduce(applyEdit, snapshot);
}
