import { pagesByNumber } from "../../datadog/paging.js";
import { collectById } from "../by-id.js";
import { defineCollector, requireBody } from "../context.js";
import { isUnparsed, rawList, salvageItems } from "../salvage.js";
import { hasEnabledState, ruleFromTyped, ruleFromWire } from "./map-rule.js";

/** The API's maximum page size for rules. */
export const PAGE_SIZE = 100;

export const rulesCollector = defineCollector({
  id: "rules",
  async collect(ctx) {
    const pages = pagesByNumber(async (pageNumber, pageSize) => {
      const result = await ctx.call((configuration) =>
        new ctx.dd.v2.SecurityMonitoringApi(configuration).listSecurityMonitoringRules({ pageSize, pageNumber }),
      );
      const rawItems = rawList(requireBody(result, "v2 SecurityMonitoringApi.listSecurityMonitoringRules"), "data");
      const typedItems: unknown[] = result.value
        ? (result.value.data ?? [])
        : salvageItems(ctx.dd, "v2", result.raw, "data", "SecurityMonitoringRuleResponse").map((item) =>
            item.ok ? item.value : null,
          );
      return rawItems.map((raw, index) => {
        const typed = typedItems[index];
        const parsed = Boolean(typed) && !isUnparsed(typed);
        // The client could not read this rule (an unknown enum value, a missing
        // field): keep it from its raw JSON and say so, never drop it.
        const rule = parsed ? ruleFromTyped(typed) : ruleFromWire(raw);
        const label = `rule ${rule.id || `#${pageNumber * pageSize + index}`} ("${rule.name}")`;
        if (!parsed) ctx.warn(`${label} was read from raw JSON: the client could not parse it`);
        // A rule that does not say it is enabled cannot count as enabled; flag it rather than let it read as plainly disabled.
        if (!hasEnabledState(raw)) ctx.warn(`${label} has no enabled state; it counts as disabled`);
        return rule;
      });
    }, PAGE_SIZE);
    return { rules: await collectById(ctx, pages) };
  },
});
