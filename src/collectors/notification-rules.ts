import type { NotificationRule } from "../snapshot/schema.js";
import { type CollectorContext, defineCollector, requireValue } from "./context.js";
import { plainText } from "./salvage.js";

const texts = (values: readonly unknown[] | undefined): string[] =>
  (values ?? []).map(plainText).filter((v): v is string => v !== null);

/**
 * The signal notification rules with every selector they route by. Real
 * rules are often scoped (`selectors.query` such as `env:test`) and limited
 * to some rule types: dropping either would claim routing for signals the
 * rule never sends. Shared by this collector and the signals collector,
 * which measures routing on the period's signals.
 */
export async function readNotificationRules(ctx: CollectorContext): Promise<NotificationRule[]> {
  const result = await ctx.call((configuration) =>
    new ctx.dd.v2.SecurityMonitoringApi(configuration).getSignalNotificationRules(),
  );
  const value = requireValue(result, "v2 SecurityMonitoringApi.getSignalNotificationRules");
  return (value.data ?? [])
    .map((item) => {
      const attributes = item.attributes;
      const selectors = attributes?.selectors;
      return {
        id: item.id,
        name: attributes?.name ?? "(unnamed notification rule)",
        enabled: attributes?.enabled === true,
        severities: texts(selectors?.severities),
        rule_types: texts(selectors?.ruleTypes),
        trigger_source: plainText(selectors?.triggerSource),
        query: (selectors?.query ?? "").trim(),
        targets: attributes?.targets ?? [],
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const notificationRulesCollector = defineCollector({
  id: "notification_rules",
  async collect(ctx) {
    const rules = await readNotificationRules(ctx);
    ctx.progress(rules.length);
    return { notification_rules: rules };
  },
});
