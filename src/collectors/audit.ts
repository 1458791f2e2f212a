/**
 * Changes to detection rules in the period, from Audit Trail. These show an
 * auditor that rule changes are tracked, and feed the "rules added, removed,
 * enabled or disabled" part of the gap report.
 */
import { pagesByCursor } from "../datadog/paging.js";
import type { RuleChange } from "../snapshot/schema.js";
import { defineCollector } from "./context.js";
import { isoFromDateLike } from "./timestamps.js";

const PAGE_LIMIT = 1000;
/** Audit Trail events about detection rules. */
export const RULE_CHANGE_QUERY = "@asset.type:security_rule";

type Loose = Record<string, unknown> | undefined;
const object = (value: unknown): Loose => (value && typeof value === "object" ? (value as Record<string, unknown>) : undefined);
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

export function readRuleChange(event: unknown): RuleChange | null {
  const root = object(event);
  const attributes = object(root?.attributes);
  const inner = object(attributes?.attributes);
  const id = string(root?.id);
  const timestamp = isoFromDateLike(attributes?.timestamp);
  if (!id || !timestamp) return null;
  const asset = object(inner?.asset);
  const user = object(inner?.usr);
  return {
    id,
    timestamp,
    action: ruleChangeAction(string(inner?.action), asset),
    rule_id: string(asset?.id),
    rule_name: string(asset?.name),
    user: string(user?.email) ?? string(user?.name) ?? string(user?.id),
  };
}

export const auditCollector = defineCollector({
  id: "audit",
  description: `Detection-rule changes in the period from Audit Trail (v2 AuditApi.searchAuditLogs, query ${RULE_CHANGE_QUERY}, cursor paging)`,
  async collect(ctx) {
    const changes: RuleChange[] = [];
    const pages = pagesByCursor(async (cursor) => {
      const result = await ctx.call((configuration) =>
        new ctx.dd.v2.AuditApi(configuration).searchAuditLogs({
          body: {
            filter: { query: RULE_CHANGE_QUERY, from: ctx.period.from, to: ctx.period.to },
            page: { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) },
            sort: "timestamp",
          },
        }),
      );
      if (!result.value) throw result.deserializeError ?? new Error("empty response");
      return { items: result.value.data ?? [], next: result.value.meta?.page?.after };
    });
    let unreadable = 0;
    for await (const page of pages) {
      for (const event of page) {
        const change = readRuleChange(event);
        if (change) changes.push(change);
        else unreadable += 1;
      }
      ctx.progress(changes.length);
    }
    if (unreadable > 0) ctx.warn(`${unreadable} audit event(s) without an id or timestamp were skipped`);
    changes.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
    return { rule_changes: changes };
  },
});
