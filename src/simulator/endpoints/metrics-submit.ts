/**
 * POST /api/v2/series (v2 MetricsApi.submitMetrics): records the decoded
 * payload (gzip and deflate bodies are inflated by the server) in
 * `received.series` and answers 202 `{"errors": []}`. API key only.
 */
import { BadRequest, type Endpoint, ok } from "./endpoint.js";
import { asObject } from "./params.js";

export const metricsSubmitEndpoint: Endpoint = {
  id: "metrics_submit",
  method: "POST",
  path: "/api/v2/series",
  needsAppKey: false,
  handle({ body, received }) {
    const payload = asObject(body, "body");
    if (!Array.isArray(payload.series)) throw new BadRequest("series: expected a list of metric series");
    received.series.push(payload);
    return ok({ errors: [] }, 202);
  },
};
