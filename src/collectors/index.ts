/**
 * The registry of collectors, keyed by the snapshot part each one fills.
 * A test checks it against this folder and the snapshot schema.
 */
import type { CollectorId } from "../snapshot/schema.js";
import { agentRulesCollector } from "./agent-rules.js";
import { agentsCollector } from "./agents.js";
import { auditCollector } from "./audit.js";
import type { Collector } from "./context.js";
import { dashboardsCollector } from "./dashboards.js";
import { logArchivesCollector } from "./log-archives.js";
import { logIndexesCollector } from "./log-indexes.js";
import { logSourcesCollector } from "./log-sources.js";
import { notificationRulesCollector } from "./notification-rules.js";
import { rulesCollector } from "./rules/index.js";
import { signalsCollector } from "./signals/index.js";
import { suppressionsCollector } from "./suppressions.js";

export const COLLECTORS: { readonly [K in CollectorId]: Collector<K> } = {
  agent_rules: agentRulesCollector,
  agents: agentsCollector,
  audit: auditCollector,
  dashboards: dashboardsCollector,
  log_archives: logArchivesCollector,
  log_indexes: logIndexesCollector,
  log_sources: logSourcesCollector,
  notification_rules: notificationRulesCollector,
  rules: rulesCollector,
  signals: signalsCollector,
  suppressions: suppressionsCollector,
};
