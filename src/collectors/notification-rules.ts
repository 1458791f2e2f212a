import { defineCollector } from "./context.js";
import { plainText } from "./salvage.js";

export const notificationRulesCollector = defineCollector({
  id: "notification_rules",
  description: "Signal notification rules: which severities and rule types reach which targets (v2 SecurityMonitoringApi.getSignalNotificationRules)",
  async collect(ctx) {
    const { value, deserializeError } = await ctx.call((configuration) =>
      new ctx.dd.v2.SecurityMonitoringApi(configuration).getSignalNotificationRules(),
    );
    if (!value) throw deserializeError ?? new Error("empty response");
    const rules = (value.data ?? [])
      .map((item) => {
        const attributes = item.attributes;
        const selectors = attributes?.selectors;
        return {
          id: item.id,
          name: attributes?.name ?? "(unnamed notification rule)",
          enabled: attributes?.enabled === true,
          severities: (selectors?.severities ?? []).map(plainText).filter((v): v is string => v !== null),
          rule_types: (selectors?.ruleTypes ?? []).map(plainText).filter((v): v is string => v !== null),
          targets: attributes?.targets ?? [],
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
    ctx.progress(rules.length);
    return { notification_rules: rules };
  },
});
