/** Where the keys and the endpoint come from, and how an API URL is shown. */
import { describe, expect, it } from "vitest";
import { displayUrl, readDatadogTarget } from "../../src/datadog/credentials.js";
import { InputError } from "../../src/errors.js";

const KEYS = { DD_API_KEY: "api-key-for-tests", DD_APP_KEY: "app-key-for-tests" };

describe("readDatadogTarget", () => {
  it("reads trimmed keys and defaults to datadoghq.com and its own API URL", () => {
    expect(readDatadogTarget({ DD_API_KEY: "  a  ", DD_APP_KEY: "\tb\n" })).toEqual({
      apiKey: "a",
      appKey: "b",
      site: "datadoghq.com",
      apiUrl: null,
    });
  });

  it.each([
    [{}, "missing DD_API_KEY and DD_APP_KEY in the environment"],
    [{ DD_API_KEY: "a" }, "missing DD_APP_KEY in the environment"],
    [{ DD_APP_KEY: "b", DD_API_KEY: "   " }, "missing DD_API_KEY in the environment"],
  ])("names the missing keys (%j)", (env, message) => {
    const read = () => readDatadogTarget(env);
    expect(read).toThrow(InputError);
    expect(read).toThrow(
      `${message}: ddproof reads Datadog keys only from DD_API_KEY and DD_APP_KEY (try \`ddproof demo\` to run without an account)`,
    );
  });

  it("takes DD_SITE over the config's site, and checks DD_SITE only", () => {
    expect(readDatadogTarget({ ...KEYS, DD_SITE: " datadoghq.eu " }, { site: "us3.datadoghq.com" }).site).toBe(
      "datadoghq.eu",
    );
    expect(readDatadogTarget({ ...KEYS, DD_SITE: "  " }, { site: "us3.datadoghq.com" }).site).toBe("us3.datadoghq.com");
    expect(() => readDatadogTarget({ ...KEYS, DD_SITE: "datadoghq.con" })).toThrow(
      /^DD_SITE "datadoghq\.con" is not a Datadog site; did you mean datadoghq\.com\?/,
    );
  });

  it("takes the API URL from the option over DDPROOF_API_URL, without trailing slashes", () => {
    expect(readDatadogTarget({ ...KEYS, DDPROOF_API_URL: " https://env.example.com/// " }).apiUrl).toBe(
      "https://env.example.com",
    );
    expect(
      readDatadogTarget(
        { ...KEYS, DDPROOF_API_URL: "https://env.example.com" },
        { apiUrl: "https://flag.example.com/" },
      ).apiUrl,
    ).toBe("https://flag.example.com");
    expect(readDatadogTarget({ ...KEYS, DDPROOF_API_URL: "" }).apiUrl).toBeNull();
  });

  it.each([
    ["not a URL", 'API URL "not a URL": expected an absolute http(s) URL'],
    ["ftp://user:secret@files.example.com/", 'API URL "ftp://files.example.com": expected an http or https URL'],
    [
      "http://user:secret@LOCALHOST.evil.example:8080/",
      'API URL "http://localhost.evil.example:8080": plain http would send the Datadog keys in clear text to localhost.evil.example;',
    ],
  ])("refuses the API URL %j, never showing a password", (apiUrl, message) => {
    const read = () => readDatadogTarget(KEYS, { apiUrl });
    expect(read).toThrow(InputError);
    expect(read).toThrow(message);
  });

  it.each(["http://LOCALHOST:8080", "http://127.0.0.1", "http://127.255.255.255:1", "http://[::1]/"])(
    "lets plain http go to this machine (%s)",
    (apiUrl) => {
      expect(readDatadogTarget(KEYS, { apiUrl }).apiUrl).toBe(apiUrl.replace(/\/$/, ""));
    },
  );

  it.each([
    "http://127.0.0.1.example.com",
    "http://x127.0.0.1.example",
    "http://localhost.example",
    "http://[::2]",
    "http://128.0.0.1",
  ])("refuses plain http to another machine (%s) unless told the network is trusted", (apiUrl) => {
    expect(() => readDatadogTarget(KEYS, { apiUrl })).toThrow(/plain http would send the Datadog keys/);
    expect(readDatadogTarget(KEYS, { apiUrl, insecureHttp: true }).apiUrl).toBe(apiUrl);
  });
});

describe("displayUrl", () => {
  it("drops the user name, the password and trailing slashes", () => {
    expect(displayUrl("https://user:pass@proxy.example.com:8443/datadog//")).toBe(
      "https://proxy.example.com:8443/datadog",
    );
    expect(displayUrl("https://proxy.example.com")).toBe("https://proxy.example.com");
    expect(displayUrl("::not a url")).toBe("(invalid URL)");
  });
});
