/**
 * GET /api/v1/validate (v1 AuthenticationApi.validate): whether the API key
 * is valid. Datadog needs only DD-API-KEY here. The simulator accepts any
 * non-empty key (the key check in server.ts answers 403 without one), so a
 * request that reaches this handler is always valid.
 */
import { type Endpoint, ok } from "./endpoint.js";

export const validateEndpoint: Endpoint = {
  id: "validate",
  method: "GET",
  path: "/api/v1/validate",
  needsAppKey: false,
  handle() {
    return ok({ valid: true });
  },
};
