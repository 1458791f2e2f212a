/**
 * GET /api/v1/dashboard (v1 DashboardsApi.listDashboards): offset paging
 * with `start` and `count` (default 100); no total is reported.
 */
import { userAt } from "../org/users.js";
import { type Endpoint, ok } from "./endpoint.js";
import { deleteFromFirstItem, intParam, isoMillis, setOnFirstItem } from "./params.js";

export const dashboardsEndpoint: Endpoint = {
  id: "dashboards",
  method: "GET",
  path: "/api/v1/dashboard",
  needsAppKey: true,
  handle({ query, org }) {
    const count = intParam(query, "count", 100, 0, 1000);
    const start = intParam(query, "start", 0, 0, 1_000_000);
    return ok({
      dashboards: org.dashboards.slice(start, start + count).map((d) => ({
        id: d.id,
        title: d.title,
        description: d.description,
        layout_type: d.layoutType,
        url: `/dashboard/${d.id}/${d.title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")}`,
        author_handle: userAt(d.authorIndex).handle,
        created_at: isoMillis(d.createdAt),
        modified_at: isoMillis(d.modifiedAt),
        is_read_only: false,
      })),
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(body.dashboards, "layout_type", "grid"),
  dropRequiredField: (body) => deleteFromFirstItem(body.dashboards, "id"),
};
