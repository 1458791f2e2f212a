import { pagesByOffset } from "../datadog/paging.js";
import { collectById } from "./by-id.js";
import { defineCollector, requireValue } from "./context.js";

export const PAGE_SIZE = 100;

export const dashboardsCollector = defineCollector({
  id: "dashboards",
  async collect(ctx) {
    const pages = pagesByOffset(async (start, count) => {
      const result = await ctx.call((configuration) =>
        new ctx.dd.v1.DashboardsApi(configuration).listDashboards({ start, count }),
      );
      const value = requireValue(result, "v1 DashboardsApi.listDashboards");
      return (value.dashboards ?? []).map((dashboard, index) => {
        const title = dashboard.title ?? "";
        // Only the title shows a security dashboard exists; one without an id still counts, flagged.
        if (!dashboard.id) ctx.warn(`dashboard #${start + index} ("${title}") has no id; kept without one`);
        return { id: dashboard.id ?? "", title, url: dashboard.url ?? null };
      });
    }, PAGE_SIZE);
    // A dashboard without an id is kept under its position in the listing.
    return { dashboards: await collectById(ctx, pages, (dashboard, position) => dashboard.id || `#${position}`) };
  },
});
