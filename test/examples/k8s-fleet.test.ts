/**
 * examples/k8s-fleet.yaml read as Kubernetes and ddproof would read it: every
 * ddproof invocation uses subcommands and flags the CLI program has; the org
 * Job's index mapping, its completions, the config's orgs and the merge agree
 * on the orgs; keys reach the pods only from a Secret, through the variables
 * the config names; and no key value is in the file.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import type { CommandContext } from "../../src/cli/command.js";
import { loadAllCommands } from "../../src/cli/commands.js";
import { buildProgram } from "../../src/cli/program.js";
import { resolvePeriod } from "../../src/config/period.js";
import { Config } from "../../src/config/schema.js";
import { DATADOG_SITES } from "../../src/config/sites.js";
import { OrgName } from "../../src/fleet/org-name.js";
import { SIGNING_KEY_ENV } from "../../src/pack/sign.js";

const HELP_FLAGS = ["-h", "--help"];

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  command: string[];
  args?: string[];
  env: EnvVar[];
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface Volume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string };
  persistentVolumeClaim?: { claimName: string };
}
interface PodSpec {
  containers: Container[];
  volumes: Volume[];
}
interface K8sObject {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    accessModes?: string[];
    template: { spec: PodSpec };
  };
}
interface FleetConfig {
  timezone: string;
  orgs: Array<{ name: string; site: string; api_key_env: string; app_key_env: string }>;
}

const FILE = fileURLToPath(new URL("../../examples/k8s-fleet.yaml", import.meta.url));
const TEXT = readFileSync(FILE, "utf8");
const DOCS = parseAllDocuments(TEXT).map((doc) => doc.toJS() as K8sObject);
const jobs = DOCS.filter((doc) => doc.kind === "Job");
const orgJob = jobs.find((job) => job.spec.completionMode === "Indexed")!;
const mergeJob = jobs.find((job) => job !== orgJob)!;
const configMap = DOCS.find((doc) => doc.kind === "ConfigMap" && doc.data?.["ddproof.yaml"] !== undefined)!;
const claim = DOCS.find((doc) => doc.kind === "PersistentVolumeClaim")!;
const config = parse(configMap.data!["ddproof.yaml"]!) as FleetConfig;
const orgPod = orgJob.spec.template.spec;
const mergePod = mergeJob.spec.template.spec;
const orgContainer = orgPod.containers[0]!;
const mergeContainer = mergePod.containers[0]!;
const orgScript = orgContainer.args![0]!;

/** Words of one shell command line: double quotes removed, variables left as written. */
function shellWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => (match[1] ?? match[2]) as string);
}

/** The ddproof command lines a container runs: its command itself, or the lines of its `sh -c` script. */
function invocations(container: Container): string[][] {
  const [program, ...rest] = [...container.command, ...(container.args ?? [])];
  if (program === "ddproof") return [rest];
  expect([program, rest[0]]).toEqual(["/bin/sh", "-c"]);
  return (rest[1] ?? "").split("\n").flatMap((line) => {
    const match = /^\s*(?:exec\s+)?ddproof\s+(.*?)(?:\s+\|\|.*)?$/.exec(line);
    return match ? [shellWords(match[1] as string)] : [];
  });
}

const PROGRAM = buildProgram(
  {
    output: { out: () => undefined, err: () => undefined, isTTY: false },
    env: {},
    setExitCode: () => undefined,
  } satisfies CommandContext,
  await loadAllCommands(),
);

/** Checks one invocation against the program; returns its positional arguments and flag values. */
function checkInvocation(program: Command, words: string[]): { positional: string[]; values: Map<string, string> } {
  const [name, ...rest] = words;
  const command = program.commands.find((candidate) => candidate.name() === name);
  expect(command, `ddproof ${name}: no such subcommand`).toBeDefined();
  const options = command?.options ?? [];
  const flags = new Set(HELP_FLAGS);
  for (const option of options) for (const flag of [option.long, option.short]) if (flag) flags.add(flag);
  const positional: string[] = [];
  const values = new Map<string, string>();
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index] as string;
    if (!word.startsWith("-")) {
      positional.push(word);
      continue;
    }
    const [flag, inline] = word.split("=", 2) as [string, string | undefined];
    expect(flags.has(flag), `ddproof ${name} ${flag}: no such flag`).toBe(true);
    const option = options.find((candidate) => candidate.long === flag || candidate.short === flag);
    const takesValue = option ? option.required || option.optional : false;
    if (takesValue && inline === undefined) {
      const value = rest[index + 1];
      expect(value !== undefined && !value.startsWith("-"), `ddproof ${name} ${flag}: needs a value`).toBe(true);
      values.set(flag, value as string);
      index++;
    } else values.set(flag, inline ?? "");
  }
  for (const option of options)
    if (option.mandatory && option.defaultValue === undefined)
      expect(values.has(option.long as string), `ddproof ${name}: ${option.long} is required`).toBe(true);
  return { positional, values };
}

function mountOf(container: Container, pod: PodSpec, path: string): Volume {
  const mount = container.volumeMounts.find((candidate) => path.startsWith(`${candidate.mountPath}/`));
  expect(mount, `${path}: not under any mount`).toBeDefined();
  return pod.volumes.find((volume) => volume.name === mount!.name)!;
}

describe("examples/k8s-fleet.yaml", () => {
  it("runs ddproof pack in the org pods and ddproof merge after them, with subcommands and flags the CLI has", () => {
    const calls = [...invocations(orgContainer), ...invocations(mergeContainer)];
    expect(calls.map((words) => words[0])).toEqual(["pack", "merge"]);
    for (const words of calls) checkInvocation(PROGRAM, words);
  });

  it("maps every completion index to one org, the orgs of the config, and merges exactly their packs", () => {
    const mapping = [...orgScript.matchAll(/^\s*(\d+)\)\s*ORG=([a-z0-9-]+)\s*;;/gm)];
    const completions = orgJob.spec.completions!;
    expect(mapping.map((match) => Number(match[1]))).toEqual([...Array(completions).keys()]);
    const names = mapping.map((match) => match[2] as string);
    for (const name of names) expect(OrgName.safeParse(name).success, name).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(config.orgs.map((org) => org.name)).toEqual(names);
    for (const org of config.orgs) expect(DATADOG_SITES).toContain(org.site);
    expect(orgJob.spec.parallelism).toBeLessThanOrEqual(completions);

    const [pack] = invocations(orgContainer);
    const packed = checkInvocation(PROGRAM, pack!);
    expect(packed.values.get("--org")).toBe("$ORG");
    expect(packed.values.get("--out")).toBe("/packs/$PERIOD/$ORG");
    const [merge] = invocations(mergeContainer);
    const merged = checkInvocation(PROGRAM, merge!);
    expect(merged.positional).toEqual(names.map((name) => `/packs/$(PERIOD)/${name}`));
    // --out names the fleet's folder, as for pack --all-orgs: the fleet pack is written to its fleet/ folder.
    expect(merged.values.get("--out")).toBe("/packs/$(PERIOD)");
  });

  it("holds a ddproof config the schema accepts, orgs included", () => {
    const parsed = Config.safeParse(config);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.orgs?.map((org) => org.name)).toEqual(config.orgs.map((org) => org.name));
  });

  it("gives both Jobs one valid period from the ConfigMap", () => {
    for (const container of [orgContainer, mergeContainer]) {
      const period = container.env.find((variable) => variable.name === "PERIOD");
      expect(period?.valueFrom?.configMapKeyRef).toEqual({ name: configMap.metadata.name, key: "period" });
    }
    expect(() => resolvePeriod(configMap.data!.period!, config.timezone)).not.toThrow();
  });

  it("reads the config from the ConfigMap and writes to one shared claim that several pods can mount", () => {
    const [pack] = invocations(orgContainer);
    const configFile = checkInvocation(PROGRAM, pack!).values.get("--config")!;
    expect(configFile.endsWith("/ddproof.yaml")).toBe(true);
    expect(mountOf(orgContainer, orgPod, configFile).configMap?.name).toBe(configMap.metadata.name);
    for (const [container, pod] of [
      [orgContainer, orgPod],
      [mergeContainer, mergePod],
    ] as const)
      expect(mountOf(container, pod, "/packs/x").persistentVolumeClaim?.claimName).toBe(claim.metadata.name);
    expect(claim.spec.accessModes).toContain("ReadWriteMany");
  });

  it("labels the two steps so each can be applied on its own", () => {
    for (const doc of [claim, configMap, orgJob]) expect(doc.metadata.labels?.["ddproof-fleet/step"]).toBe("orgs");
    expect(mergeJob.metadata.labels?.["ddproof-fleet/step"]).toBe("merge");
  });

  it("takes each org's keys from a Secret, in the variables the config names, and holds no key value", () => {
    const keyVariables = config.orgs.flatMap((org) => [org.api_key_env, org.app_key_env]);
    const fromSecret = orgContainer.env.filter((variable) => variable.valueFrom?.secretKeyRef);
    expect(fromSecret.map((variable) => variable.name).sort()).toEqual([...keyVariables].sort());
    for (const variable of fromSecret) expect(variable.valueFrom?.secretKeyRef?.key).toBe(variable.name);
    // The merge talks to no Datadog org: it gets no keys at all.
    expect(mergeContainer.env.filter((variable) => variable.valueFrom?.secretKeyRef)).toEqual([]);
    for (const variable of [...orgContainer.env, ...mergeContainer.env])
      if (variable.value !== undefined) expect(variable.name).not.toMatch(/^DD_(API|APP)_KEY/);
    expect(DOCS.filter((doc) => doc.kind === "Secret")).toEqual([]);
    // Datadog API keys are 32 hex digits, application keys 40.
    expect(TEXT).not.toMatch(/\b[0-9a-f]{32}\b|\b[0-9a-f]{40}\b/i);
  });

  it("mounts the signing key from a Secret as a file, and the public key for the merge's check", () => {
    const keyFile = orgContainer.env.find((variable) => variable.name === SIGNING_KEY_ENV)?.value;
    expect(keyFile).toBeDefined();
    expect(mountOf(orgContainer, orgPod, keyFile!).secret?.secretName).toBeDefined();
    const [merge] = invocations(mergeContainer);
    const publicKey = checkInvocation(PROGRAM, merge!).values.get("--public-key")!;
    expect(mountOf(mergeContainer, mergePod, publicKey).configMap?.name).toBeDefined();
  });
});
