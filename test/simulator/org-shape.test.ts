/**
 * Org shapes: each knob changes only what it names (the rest of the org is
 * the demo org of the same seed), the empty shape changes nothing, and a bad
 * shape is refused naming the knob.
 */
import { describe, expect, it } from "vitest";
import { startSimulator } from "../../src/simulator/index.js";
import { buildOrg } from "../../src/simulator/org/demo-org.js";
import { NOW } from "./http.js";

const demo = buildOrg(7, "small", NOW);
const withoutEnabled = (rules: typeof demo.rules) => rules.map(({ enabled: _, ...rest }) => rest);
const withoutProducts = (hosts: typeof demo.hosts) =>
  hosts.map(({ cwsEnabled: _cws, cspmEnabled: _cspm, ...rest }) => rest);

describe("org shapes", () => {
  it("changes nothing with the empty shape", () => {
    const shaped = buildOrg(7, "small", NOW, [], {});
    expect(shaped.rules).toEqual(demo.rules);
    expect(shaped.hosts).toEqual(demo.hosts);
    expect(shaped.logSources).toEqual(demo.logSources);
  });

  it("disables rules by disabledShare and changes nothing else about them", () => {
    const shaped = buildOrg(7, "small", NOW, [], { disabledShare: 0.5 });
    expect(withoutEnabled(shaped.rules)).toEqual(withoutEnabled(demo.rules));
    expect(shaped.hosts).toEqual(demo.hosts);
    const disabled = shaped.rules.filter((rule) => !rule.enabled).length;
    expect(disabled).toBeGreaterThan(demo.rules.filter((rule) => !rule.enabled).length);
    expect(disabled / shaped.rules.length).toBeGreaterThan(0.4);
  });

  it("silences the named log sources from the first day, so their rules never fire", () => {
    const shaped = buildOrg(7, "small", NOW, [], { silentSources: ["okta", "github"] });
    const year = [new Date(NOW.getTime() - 365 * 86_400_000), NOW] as const;
    expect(shaped.countLogs("okta", ...year)).toBe(0);
    expect(shaped.countLogs("github", ...year)).toBe(0);
    expect(demo.countLogs("okta", ...year)).toBeGreaterThan(0);
    expect(shaped.countLogs("cloudtrail", ...year)).toBe(demo.countLogs("cloudtrail", ...year));
    expect(shaped.silentSources).toEqual([...demo.silentSources, "okta", "github"].sort(byDataOrder(demo)));
    expect(shaped.rules).toEqual(demo.rules);
    const oktaOnly = shaped.rules.filter(
      (rule) => rule.logSources.length > 0 && rule.logSources.every((s) => s === "okta"),
    );
    expect(oktaOnly.length).toBeGreaterThan(0);
    for (const rule of oktaOnly) expect(shaped.firingRuleIds).not.toContain(rule.id);
  });

  it("takes Workload Protection and CSPM off agents by their shares, leaving the hosts as they were", () => {
    const shaped = buildOrg(7, "small", NOW, [], { cwsDisabledShare: 0.5, cspmEnabledShare: 0 });
    expect(withoutProducts(shaped.hosts)).toEqual(withoutProducts(demo.hosts));
    expect(shaped.hosts.filter((host) => host.cspmEnabled)).toEqual([]);
    expect(shaped.hosts.filter((host) => host.cwsEnabled).length).toBe(
      shaped.agentHostnames.length - Math.round(shaped.hosts.length * 0.5),
    );
    expect(shaped.rules).toEqual(demo.rules);
  });

  it("sizes the signal history by signalsPerDay, leaving the rules and hosts as they were", () => {
    const shaped = buildOrg(7, "small", NOW, [], { signalsPerDay: 550 });
    const quarter = [new Date(NOW.getTime() - 91 * 86_400_000), NOW] as const;
    // Signals are drawn hour by hour around the mean, so ten times the rate gives about ten times the signals.
    const ratio = shaped.countSignals(...quarter) / demo.countSignals(...quarter);
    expect(ratio).toBeGreaterThan(9);
    expect(ratio).toBeLessThan(11);
    expect(shaped.rules).toEqual(demo.rules);
    expect(shaped.hosts).toEqual(demo.hosts);
    expect(shaped.firingRuleIds).toEqual(demo.firingRuleIds);
  });

  it.each([
    [{ signalsPerDay: 0 }, "shape.signalsPerDay: expected a number of signals above 0, got 0"],
    [{ signalsPerDay: "many" }, 'shape.signalsPerDay: expected a number of signals above 0, got "many"'],
    [{ disabledShare: 1.5 }, "shape.disabledShare: expected a share from 0 to 1, got 1.5"],
    [{ cspmEnabledShare: "half" }, 'shape.cspmEnabledShare: expected a share from 0 to 1, got "half"'],
    [{ silentSources: ["okta", "splunk"] }, "shape.silentSources[1]: expected one of cloudtrail, okta"],
    [{ silentSources: "okta" }, "shape.silentSources: expected a list of log source names"],
    [{ rulesDisabled: 0.3 }, "shape.rulesDisabled: unknown knob (expected disabledShare, "],
  ])("refuses the shape %j, naming the knob", async (shape, message) => {
    await expect(startSimulator({ now: NOW, shape: shape as never })).rejects.toThrow(message);
  });
});

/** Silent sources are listed in the order of data/log-sources.json. */
function byDataOrder(org: typeof demo): (a: string, b: string) => number {
  const order = org.logSources.map((source) => source.name);
  return (a, b) => order.indexOf(a) - order.indexOf(b);
}
