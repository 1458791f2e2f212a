/**
 * Which orgs a command works on (`--org`, `--all-orgs`) and where each org's
 * keys and endpoint come from: the variables it names (registered with the
 * redactor as they are read), its own site and URL, never DD_SITE or
 * DDPROOF_API_URL. A missing variable is named, never a value.
 */
import { describe, expect, it } from "vitest";
import type { OrgConfig } from "../../src/config/schema.js";
import { InputError } from "../../src/errors.js";
import { orgFrameworks, selectOrgs } from "../../src/fleet/orgs.js";
import { readOrgTargets } from "../../src/fleet/orgs-targets.js";
import { redactSecrets } from "../../src/secrets.js";

const US: OrgConfig = { name: "us", site: "datadoghq.com", api_key_env: "DD_API_KEY_US", app_key_env: "DD_APP_KEY_US" };
const EU: OrgConfig = {
  name: "eu",
  site: "datadoghq.eu",
  api_key_env: "DD_API_KEY_EU",
  app_key_env: "DD_APP_KEY_EU",
  api_url: "https://dd-proxy.example.com/",
  frameworks: ["soc2-2017"],
};
const FLEET = { orgs: [US, EU] };

const KEYS = {
  DD_API_KEY_US: " orgs0test0us0api0key0a1b2c3d4e5f6 ",
  DD_APP_KEY_US: "orgs0test0us0app0key0f6e5d4c3b2a1f0e9",
  DD_API_KEY_EU: "orgs0test0eu0api0key0a1b2c3d4e5f6",
  DD_APP_KEY_EU: "orgs0test0eu0app0key0f6e5d4c3b2a1f0e9",
};

describe("readOrgTargets", () => {
  it("reads each org's keys from the variables it names, its site and URL from the config", () => {
    const targets = readOrgTargets(
      // The one-org variables are set too: none of them may reach an org.
      {
        ...KEYS,
        DD_API_KEY: "one0org0api0key0000",
        DD_SITE: "ap1.datadoghq.com",
        DDPROOF_API_URL: "https://elsewhere.example.com",
      },
      [US, EU],
    );
    expect(targets.map(({ org, target }) => [org.name, target])).toEqual([
      [
        "us",
        {
          apiKey: "orgs0test0us0api0key0a1b2c3d4e5f6",
          appKey: KEYS.DD_APP_KEY_US,
          site: "datadoghq.com",
          apiUrl: null,
        },
      ],
      [
        "eu",
        {
          apiKey: KEYS.DD_API_KEY_EU,
          appKey: KEYS.DD_APP_KEY_EU,
          site: "datadoghq.eu",
          apiUrl: "https://dd-proxy.example.com",
        },
      ],
    ]);
  });

  it("registers every key with the redactor as it is read", () => {
    readOrgTargets(KEYS, [US, EU]);
    for (const key of Object.values(KEYS)) {
      expect(redactSecrets(`before ${key.trim()} after`)).toBe("before [redacted] after");
    }
  });

  it("names every missing variable of every org in one error, and no value", () => {
    const read = () => readOrgTargets({ DD_API_KEY_US: KEYS.DD_API_KEY_US, DD_APP_KEY_EU: "   " }, [US, EU]);
    expect(read).toThrow(InputError);
    expect(read).toThrow(
      [
        'org "us": missing DD_APP_KEY_US (its app_key_env) in the environment',
        'org "eu": missing DD_API_KEY_EU (its api_key_env) and DD_APP_KEY_EU (its app_key_env) in the environment',
      ].join("\n"),
    );
    const message = (() => {
      try {
        read();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).not.toContain(KEYS.DD_API_KEY_US.trim().slice(0, 10));
  });

  it("lets --api-url replace one org's URL, with the same plain-http rule as ever", () => {
    expect(readOrgTargets(KEYS, [EU], { apiUrl: "http://127.0.0.1:9000/" })[0]!.target.apiUrl).toBe(
      "http://127.0.0.1:9000",
    );
    expect(() => readOrgTargets(KEYS, [EU], { apiUrl: "http://dd-proxy.internal" })).toThrow(
      /API URL "http:\/\/dd-proxy\.internal": plain http would send the Datadog keys in clear text/,
    );
    expect(
      readOrgTargets(KEYS, [EU], { apiUrl: "http://dd-proxy.internal", insecureHttp: true })[0]!.target.apiUrl,
    ).toBe("http://dd-proxy.internal");
  });
});

describe("selectOrgs", () => {
  it("works on the one org of DD_API_KEY when the config has no orgs and no org flag is given", () => {
    expect(selectOrgs({}, "ddproof.yaml", {})).toBeNull();
  });

  it("gives the named org, or every org in the config's order", () => {
    expect(selectOrgs(FLEET, "ddproof.yaml", { org: "eu" })).toEqual([EU]);
    expect(selectOrgs(FLEET, "ddproof.yaml", { allOrgs: true })).toEqual([US, EU]);
  });

  it.each([
    [FLEET, { org: "eu", allOrgs: true }, true, "--org and --all-orgs cannot be given together"],
    [FLEET, { org: "apac" }, true, '--org "apac": no such org in ddproof.yaml; its orgs are us, eu'],
    [FLEET, {}, true, "ddproof.yaml lists orgs (us, eu): choose one with --org NAME, or every one with --all-orgs"],
    [FLEET, {}, false, "ddproof.yaml lists orgs (us, eu): choose one with --org NAME"],
    [
      {},
      { allOrgs: true },
      true,
      '--all-orgs: ddproof.yaml has no orgs: list; add one (see "Several orgs" in the README) or leave out --all-orgs',
    ],
  ])("refuses %j with %j", (config, flags, allowAll, message) => {
    const select = () => selectOrgs(config, "ddproof.yaml", flags, allowAll);
    expect(select).toThrow(InputError);
    expect(select).toThrow(message);
  });

  it("says when there is no config file at all", () => {
    expect(() => selectOrgs({}, null, { org: "eu" })).toThrow(
      "--org: no config file was found, so no orgs are configured",
    );
  });
});

describe("orgFrameworks", () => {
  it("takes --framework first, then the org's frameworks, then the config's", () => {
    const configured = ["pci-dss-4.0.1", "mitre-attack"];
    expect(orgFrameworks(EU, ["hipaa-security-rule"], configured)).toEqual(["hipaa-security-rule"]);
    expect(orgFrameworks(EU, [], configured)).toEqual(["soc2-2017"]);
    expect(orgFrameworks(US, [], configured)).toEqual(configured);
  });
});
