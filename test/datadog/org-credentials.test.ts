/** The keys and URL of one org of the config's `orgs:`, read from the variables it names. */
import { describe, expect, it } from "vitest";
import { readDatadogTarget, readOrgTarget } from "../../src/datadog/credentials.js";
import { InputError } from "../../src/errors.js";

const ORG = {
  name: "payments",
  site: "datadoghq.eu",
  api_key_env: "PAYMENTS_DD_API_KEY",
  app_key_env: "PAYMENTS_DD_APP_KEY",
};
const API_KEY = "org0test0api0key0payments";
const APP_KEY = "org0test0app0key0payments";

describe("an org's target", () => {
  it("reads the keys from the variables the org names, and its site", () => {
    const env = { PAYMENTS_DD_API_KEY: ` ${API_KEY} `, PAYMENTS_DD_APP_KEY: APP_KEY, DD_SITE: "us5.datadoghq.com" };
    expect(readOrgTarget(env, ORG)).toEqual({ apiKey: API_KEY, appKey: APP_KEY, site: "datadoghq.eu", apiUrl: null });
  });

  it.each([
    [
      {},
      'org "payments": missing PAYMENTS_DD_API_KEY (its api_key_env) and PAYMENTS_DD_APP_KEY (its app_key_env) in the environment',
    ],
    [
      { PAYMENTS_DD_APP_KEY: APP_KEY },
      'org "payments": missing PAYMENTS_DD_API_KEY (its api_key_env) in the environment',
    ],
    [
      { PAYMENTS_DD_API_KEY: API_KEY, PAYMENTS_DD_APP_KEY: " " },
      'org "payments": missing PAYMENTS_DD_APP_KEY (its app_key_env) in the environment',
    ],
  ])("names the missing variables, never a value (%j)", (env, message) => {
    expect(() => readOrgTarget(env, ORG)).toThrow(new InputError(message));
  });
});

describe("a plain-http API URL", () => {
  it("is refused with the way to allow it", () => {
    const env = { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY };
    expect(() => readDatadogTarget(env, { apiUrl: "http://dd-proxy.example.com" })).toThrow(
      /pass --insecure-http \(config: insecure_http: true\)/,
    );
  });
});
