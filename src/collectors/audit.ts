/**
 * Changes to detection rules and suppressions in the period, from Audit
 * Trail. These show an auditor that rule changes are tracked, and feed the
 * "rules added, removed, enabled or disabled" part of the gap report.
 *
 * The query asks for those assets only, but Audit Trail searches have been
 * recorded returning events of every kind and outside the requested window:
 * each event is checked for its asset type and its time, and the others are
 * counted in warnings, never kept.
 */
import { pagesByCursor } from "../datadog/paging.js";
import type { RuleChange } from "../snapshot/schema.js";
import { defineCollector, requireValue } from "./context.js";
import { PeriodFilter } from "./period-filter.js";
import { isoFromDateLike } from "./timestamps.js";

export const PAGE_LIMIT = 1000;
/** Audit Trail events about detection rules and suppressions. */
export const RULE_CHANGE_QUERY = "@asset.type:(security_rule OR *suppression*)";
/**
 * The audit filter is a string the client passes through unchanged, but the
 * API answers outside the requested window anyway: the request is widened by
 * a second on each side, as the signal search's are, and the period is
 * enforced on what returns.
 */
const SECOND_MS = 1000;

/** The change's subject from `asset.type`, or null for any other kind of audited event. */
function assetType(type: string | null): RuleChange["asset_type"] | null {
  if (type === "security_rule") return "security_rule";
  // Datadog does not document the suppression asset's exact type name; every one seen contains the word.
  if (type?.includes("suppression")) return "suppression";
  return null;
}

type Loose = Record<string, unknown> | undefined;
const object = (value: unknown): Loose =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
const string = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/**
 * Audit Trail records enabling or disabling a rule as `modified`, with the
 * rule's previous and new values; name the change for what it is.
 */
function ruleChangeAction(action: string | null, asset: Loose): string {
  if (action === "modified") {
    const before = object(asset?.prev_value)?.isEnabled;
    const after = object(asset?.new_value)?.isEnabled;
    if (before === false && after === true) return "enabled";
    if (before === true && after === false) return "disabled";
  }
  return action ?? "unknown";
}

export type ReadAuditEvent = { kind: "change"; change: RuleChange } | { kind: "other" } | { kind: "unreadable" };

export function readRuleChange(event: unknown): ReadAuditEvent {
  const root = object(event);
  const attributes = object(root?.attributes);
  const inner = object(attributes?.attributes);
  const id = string(root?.id);
  const timestamp = isoFromDateLike(attributes?.timestamp);
  if (!id || !timestamp) return { kind: "unreadable" };
  const asset = object(inner?.asset);
  const type = assetType(string(asset?.type));
  if (type === null) return { kind: "other" };
  const user = object(inner?.usr);
  const change: RuleChange = {
    id,
    timestamp,
    action: ruleChangeAction(string(inner?.action), asset),
    asset_type: type,
    rule_id: string(asset?.id),
    rule_name: string(asset?.name),
    user: string(user?.email) ?? string(user?.name) ?? string(user?.id),
  };
  return { kind: "change", change };
}

export const auditCollector = defineCollector({
  id: "audit",
  async collect(ctx) {
    const changes: RuleChange[] = [];
    const period = new PeriodFilter({ from: new Date(ctx.period.from), to: new Date(ctx.period.to) });
    const widened = {
      from: new Date(Date.parse(ctx.period.from) - SECOND_MS).toISOString(),
      to: new Date(Date.parse(ctx.period.to) + SECOND_MS).toISOString(),
    };
    const pages = pagesByCursor(async (cursor) => {
      const result = await ctx.call((configuration) =>
        new ctx.dd.v2.AuditApi(configuration).searchAuditLogs({
          body: {
            filter: { query: RULE_CHANGE_QUERY, from: widened.from, to: widened.to },
            page: { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) },
            sort: "timestamp",
          },
        }),
      );
      const value = requireValue(result, "v2 AuditApi.searchAuditLogs");
      return { items: value.data ?? [], next: value.meta?.page?.after };
    });
    let unreadable = 0;
    let other = 0;
    for await (const page of pages) {
      for (const event of page) {
        const read = readRuleChange(event);
        if (read.kind === "unreadable") unreadable += 1;
        else if (read.kind === "other") other += 1;
        else if (period.admit(Date.parse(read.change.timestamp))) changes.push(read.change);
      }
      ctx.progress(changes.length);
    }
    if (unreadable > 0) ctx.warn(`${unreadable} audit event(s) without an id or timestamp were skipped`);
    if (other > 0)
      ctx.warn(`${other} audit event(s) about something other than a detection rule or suppression were ignored`);
    if (period.count > 0)
      ctx.warn(`${period.count} audit event(s) the API returned from outside the period were left out`);
    changes.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
    return { rule_changes: changes };
  },
});
