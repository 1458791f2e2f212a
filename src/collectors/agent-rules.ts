import { defineCollector, requireValue } from "./context.js";

export const agentRulesCollector = defineCollector({
  id: "agent_rules",
  async collect(ctx) {
    const result = await ctx.call((configuration) =>
      new ctx.dd.v2.CSMThreatsApi(configuration).listCSMThreatsAgentRules({}),
    );
    const value = requireValue(result, "v2 CSMThreatsApi.listCSMThreatsAgentRules");
    const agentRules = (value.data ?? [])
      .filter((item) => item.id)
      .map((item) => {
        const attributes = item.attributes ?? {};
        return {
          id: item.id!,
          name: attributes.name ?? "(unnamed agent rule)",
          enabled: attributes.enabled === true,
          expression: attributes.expression ?? null,
          product_tags: attributes.productTags ?? [],
          description: attributes.description ?? null,
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
    ctx.progress(agentRules.length);
    return { agent_rules: agentRules };
  },
});
