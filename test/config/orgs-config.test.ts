/**
 * The config's `orgs:` list: what a valid fleet looks like once read, and
 * every refusal naming the file, the path inside it and what was expected.
 * A key pasted where a variable's name belongs is refused without being
 * repeated.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { InputError } from "../../src/errors.js";
import { scratchDir } from "../helpers/scratch-dir.js";

const dir = scratchDir("orgs-config");
let files = 0;

async function load(text: string) {
  files += 1;
  const file = join(dir, `ddproof-${files}.yaml`);
  await writeFile(file, text);
  return { file, loaded: loadConfig(file) };
}

/** The error loading `text` gives, as `<file>: <rest>` with the file name replaced by FILE. */
async function refusal(text: string): Promise<string> {
  const { file, loaded } = await load(text);
  const error = await loaded.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message.split(file).join("FILE");
}

const org = (name: string, extra = "") =>
  `  - name: ${name}\n    site: datadoghq.com\n    api_key_env: DD_API_KEY_${name.toUpperCase().replace(/-/g, "_")}\n    app_key_env: DD_APP_KEY_${name.toUpperCase().replace(/-/g, "_")}\n${extra}`;

describe("orgs: in the config", () => {
  it("reads a fleet: each org's site, key variables, URL, frameworks and display name", async () => {
    const { loaded } = await load(
      [
        "timezone: Europe/Paris",
        "frameworks: [pci-dss-4.0.1, mitre-attack]",
        "orgs:",
        "  - name: us",
        "    org_name: US business unit",
        "    site: datadoghq.com",
        "    api_key_env: DD_API_KEY_US",
        "    app_key_env: DD_APP_KEY_US",
        "  - name: eu-1",
        "    site: datadoghq.eu",
        "    api_key_env: DD_API_KEY_EU",
        "    app_key_env: DD_APP_KEY_EU",
        "    api_url: https://dd-proxy.example.com/",
        "    frameworks: [soc2-2017]",
        "",
      ].join("\n"),
    );
    const { config } = await loaded;
    expect(config.orgs).toEqual([
      {
        name: "us",
        org_name: "US business unit",
        site: "datadoghq.com",
        api_key_env: "DD_API_KEY_US",
        app_key_env: "DD_APP_KEY_US",
      },
      {
        name: "eu-1",
        site: "datadoghq.eu",
        api_key_env: "DD_API_KEY_EU",
        app_key_env: "DD_APP_KEY_EU",
        api_url: "https://dd-proxy.example.com/",
        frameworks: ["soc2-2017"],
      },
    ]);
  });

  it("leaves orgs out of a config without them: the one org of DD_API_KEY, as before", async () => {
    const { loaded } = await load("site: datadoghq.eu\n");
    expect((await loaded).config.orgs).toBeUndefined();
  });

  it("lets an org's plain-http URL to another machine through when the same file sets insecure_http", async () => {
    const { loaded } = await load(
      `insecure_http: true\norgs:\n${org("lab", "    api_url: http://dd-proxy.internal:8080\n")}`,
    );
    expect((await loaded).config.orgs?.[0]?.api_url).toBe("http://dd-proxy.internal:8080");
  });

  it.each([
    [
      "a repeated name, naming the first use",
      `orgs:\n${org("eu")}${org("us")}  - name: eu\n    site: datadoghq.eu\n    api_key_env: DD_API_KEY_EU2\n    app_key_env: DD_APP_KEY_EU2\n`,
      'FILE: orgs[2].name: org name "eu" is already used by orgs[0]',
    ],
    ["the reserved name", `orgs:\n${org("fleet")}`, 'FILE: orgs[0].name: "fleet" is reserved for the fleet pack'],
    [
      "a name with capitals",
      "orgs:\n  - name: EU\n    site: datadoghq.eu\n    api_key_env: A\n    app_key_env: B\n",
      "FILE: orgs[0].name: expected lower-case letters, digits and dashes",
    ],
    [
      "an unknown site",
      `orgs:\n${org("eu").replace("datadoghq.com", "datadoghq.e")}`,
      'FILE: orgs[0].site: "datadoghq.e" is not a Datadog site; did you mean datadoghq.eu?',
    ],
    [
      "a variable name that is not one",
      `orgs:\n${org("eu").replace("DD_APP_KEY_EU", "dd-app-key")}`,
      "FILE: orgs[0].app_key_env: expected the name of an environment variable (upper-case letters, digits and underscores, e.g. DD_API_KEY_EU), never a key",
    ],
    [
      "one variable for both keys of an org",
      `orgs:\n${org("eu").replace("DD_APP_KEY_EU", "DD_API_KEY_EU")}`,
      "FILE: orgs[0].app_key_env: DD_API_KEY_EU is already used by orgs[0].api_key_env: each key of each org needs its own variable",
    ],
    [
      "one variable for two orgs",
      `orgs:\n${org("eu")}${org("us").replace("DD_API_KEY_US", "DD_API_KEY_EU")}`,
      "FILE: orgs[1].api_key_env: DD_API_KEY_EU is already used by orgs[0].api_key_env: each key of each org needs its own variable",
    ],
    [
      "a URL that is not http(s)",
      `orgs:\n${org("eu", "    api_url: ftp://user:pw@files.example.com/\n")}`,
      'FILE: orgs[0].api_url: "ftp://files.example.com": expected an http or https URL',
    ],
    [
      "plain http to another machine without insecure_http",
      `orgs:\n${org("eu", "    api_url: http://dd-proxy.internal:8080\n")}`,
      'FILE: orgs[0].api_url: "http://dd-proxy.internal:8080": plain http would send the Datadog keys in clear text to dd-proxy.internal; use https, or set insecure_http: true in this file if this network is trusted',
    ],
    ["a key in the file", `orgs:\n${org("eu", "    api_key: abc\n")}`, 'FILE: orgs[0]: Unrecognized key: "api_key"'],
    ["a list that is not one", "orgs: eu\n", "FILE: orgs: "],
    [
      "an empty list",
      "orgs: []\n",
      "FILE: orgs: expected at least one org (or no orgs: key, for the one org of DD_API_KEY and DD_APP_KEY)",
    ],
    [
      "a framework no catalog defines",
      `orgs:\n${org("eu")}${org("us", "    frameworks: [soc2-2017, pci-dss-9]\n")}`,
      'FILE: orgs[1].frameworks[1]: unknown framework "pci-dss-9"; available: ',
    ],
  ])("refuses %s, naming the file and the path", async (_what, text, message) => {
    expect(await refusal(text)).toContain(message);
  });

  it("refuses a key pasted where its variable's name belongs, without repeating it", async () => {
    const pasted = "0123456789abcdef0123456789abcdef";
    const message = await refusal(`orgs:\n${org("eu").replace("DD_API_KEY_EU", pasted)}`);
    expect(message).toContain("FILE: orgs[0].api_key_env: expected the name of an environment variable");
    expect(message).not.toContain(pasted.slice(0, 10));
  });
});
