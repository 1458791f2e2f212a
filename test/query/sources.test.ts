import { describe, expect, it } from "vitest";
import { type SourcesResult, sourceMatches, sourcesOfQuery } from "../../src/query/index.js";

const sources = (...names: string[]): SourcesResult => ({ kind: "sources", sources: names });
const NONE: SourcesResult = { kind: "none" };

const semantics: Array<[string, string, SourcesResult]> = [
  ["one source", "source:a", sources("a")],
  ["value group", "source:(a OR b)", sources("a", "b")],
  ["OR of sources", "source:a OR source:b", sources("a", "b")],
  ["source AND attribute", "source:a AND @x:y", sources("a")],
  ["implicit AND", "@x:y source:a", sources("a")],
  ["OR of AND branches", "(source:a AND foo) OR (source:b)", sources("a", "b")],
  ["OR with an unconstrained branch", "source:a OR @x:y", NONE],
  ["precedence: AND before OR", "source:a foo OR source:b", sources("a", "b")],
  ["precedence: OR branch without source", "source:a OR foo source:b", sources("a", "b")],
  ["precedence: free OR branch", "foo OR source:b bar", NONE],
  ["minus negation", "-source:a", NONE],
  ["NOT negation", "NOT source:a", NONE],
  ["negation beside a source", "source:a -source:b", sources("a")],
  ["negation never removes sources", "source:(a OR b) -source:a", sources("a", "b")],
  ["double negation", "NOT -source:a", sources("a")],
  ["De Morgan under NOT", "NOT (-source:a OR foo)", sources("a")],
  ["negated AND of sources", "-(source:a AND source:b)", NONE],
  ["intersection", "source:a AND source:b", sources()],
  ["intersection keeps the common source", "source:(a OR b) source:(b OR c)", sources("b")],
  ["same source twice", "source:a source:a", sources("a")],
  ["field name case-insensitive", "Source:a", sources("a")],
  ["upper-case field", "SOURCE:A", sources("a")],
  ["values lower-cased", "source:CloudTrail", sources("cloudtrail")],
  ["sorted and unique", "source:(c OR a OR b OR a)", sources("a", "b", "c")],
  ["wildcard kept as a pattern", "source:aws*", sources("aws*")],
  ["single-character wildcard", "source:win?", sources("win?")],
  ["wildcard narrowed by a literal", "source:aws* source:awslogs", sources("awslogs")],
  ["wildcard narrowed by a wider wildcard", "source:aws* source:awslogs*", sources("awslogs*")],
  ["literal before the wildcard that covers it", "source:awslogs source:aws*", sources("awslogs")],
  ["narrow wildcard before a wider one", "source:awslogs* source:aws*", sources("awslogs*")],
  ["disjoint wildcards", "source:aws* source:gcp*", sources()],
  ["literal outside a wildcard", "source:aws* source:gcp", sources()],
  ["overlapping wildcards both kept", "source:aws* source:*trail", sources("*trail", "aws*")],
  ["source:* constrains nothing", "source:*", NONE],
  ["source:* beside a source", "source:* source:a", sources("a")],
  ["escaped wildcard stays literal", "source:a\\*", sources("a\\*")],
  ["quoted value with spaces", 'source:"my source"', sources("my source")],
  ["quoted wildcard is literal", 'source:"aws*"', sources("aws\\*")],
  ["escaped space", "source:my\\ source", sources("my source")],
  ["@source is an attribute, not the source", "@source:a", NONE],
  ["service is not the source", "service:cloudtrail", NONE],
  ["free text naming a source", "cloudtrail", NONE],
  ["full-text field", "*:cloudtrail", NONE],
  ["exists on source", "_exists_:source", NONE],
  ["range over source", "source:[a TO c]", NONE],
  ["range beside a source", "source:a @duration:[100 TO 200]", sources("a")],
  ["comparison beside a source", "source:a @http.status_code:>=400", sources("a")],
  ["empty query", "", NONE],
  ["match all", "*", NONE],
  ["nested groups", "((source:a OR (source:b @x:y)) AND (foo OR bar))", sources("a", "b")],
  ["source inside another field's group", "@x:(a OR source:b)", NONE],
  ["source in every branch of another field's group", "@x:(source:a OR source:b)", sources("a", "b")],
  // DESIGN: a rule tagged source:kubernetes reads logs whose source is kubernetes.audit.
  ["integration tag vs log source", "source:kubernetes.audit @objectRef.resource:secrets", sources("kubernetes.audit")],
];

describe("sourcesOfQuery semantics", () => {
  it.each(semantics)("%s: %s", (_name, query, expected) => {
    expect(sourcesOfQuery(query)).toEqual(expected);
  });
});

// Queries in the shape of Datadog's out-of-the-box detection rules.
const realWorld: Array<[string, SourcesResult]> = [
  ["source:cloudtrail @evt.name:ConsoleLogin @responseElements.ConsoleLogin:Failure", sources("cloudtrail")],
  ["source:(okta OR gsuite) @evt.name:user.session.start -@outcome.result:SUCCESS", sources("gsuite", "okta")],
  ["@evt.name:(CreateUser OR CreateAccessKey) source:cloudtrail", sources("cloudtrail")],
  ["source:windows @evt.id:(4624 OR 4625) @Event.EventData.Data.LogonType:10", sources("windows")],
  [
    "source:cloudtrail @userIdentity.arn:arn\\:aws\\:iam\\:\\:*\\:root -@userIdentity.invokedBy:*.amazonaws.com",
    sources("cloudtrail"),
  ],
  [
    "source:kubernetes.audit @objectRef.resource:secrets @http.method:(get OR list) -@usr.name:system\\:serviceaccount\\:kube-system*",
    sources("kubernetes.audit"),
  ],
  ["source:gcp.audit @protoPayload.methodName:*SetIamPolicy* @evt.outcome:success", sources("gcp.audit")],
  [
    'source:azure.activedirectory @evt.name:"Add member to role" @properties.targetResources.modifiedProperties.newValue:*Global\\ Administrator*',
    sources("azure.activedirectory"),
  ],
  [
    "source:(cloudtrail OR gcp.audit OR azure*) @evt.outcome:failure @evt.category:authentication",
    sources("azure*", "cloudtrail", "gcp.audit"),
  ],
  ["source:cloudtrail @http.status_code:>=400 @evt.name:GetSecretValue", sources("cloudtrail")],
  ['source:(sshd OR auth) "Failed password" -@network.client.ip:10.*', sources("auth", "sshd")],
  ["source:github @action:(repo.destroy OR org.remove_member OR protected_branch.destroy)", sources("github")],
  ["_exists_:@usr.id source:okta @evt.name:user.account.lock", sources("okta")],
  ["@evt.name:ConsoleLogin @responseElements.ConsoleLogin:Failure", NONE],
  // CIDR(...) is not modelled; it parses as free text and leaves the source alone.
  ["source:cloudtrail -CIDR(@network.client.ip, 10.0.0.0/8)", sources("cloudtrail")],
];

describe("sourcesOfQuery on detection rule queries", () => {
  it.each(realWorld)("%s", (query, expected) => {
    expect(sourcesOfQuery(query)).toEqual(expected);
  });
});

const malformed: Array<[string, string, RegExp]> = [
  ["unbalanced (", "source:(a OR b", /^unbalanced '\(' .* at offset 7$/],
  ["unbalanced )", "source:a)", /^unbalanced '\)' .* at offset 8$/],
  ["dangling operator", "source:a AND", /^expected a term after 'AND'.* at offset 12$/],
  ["unterminated quote", 'source:"my source', /^unterminated quoted phrase at offset 7$/],
  ["empty group", "()", /^empty group '\(\)' at offset 0$/],
  ["lone minus", "-", /^expected a term after '-'.* at offset 1$/],
  ["field without value", "source:", /^expected a value after 'source:'.* at offset 7$/],
  ["deep nesting", "(".repeat(100_000), /^nesting deeper than 200 levels at offset 200$/],
];

describe("sourcesOfQuery on malformed queries", () => {
  it.each(malformed)("%s", (_name, query, reason) => {
    const result = sourcesOfQuery(query);
    expect(result.kind).toBe("unparsable");
    expect(result.kind === "unparsable" && result.reason).toMatch(reason);
  });

  it("reports a non-string query as unparsable instead of throwing", () => {
    const result = sourcesOfQuery(undefined as unknown as string);
    expect(result.kind).toBe("unparsable");
  });
});

const matching: Array<[string, string, boolean]> = [
  ["cloudtrail", "cloudtrail", true],
  ["CloudTrail", "cloudtrail", true],
  ["cloudtrail", "CLOUDTRAIL", true],
  ["cloudtrail", "cloudtrails", false],
  ["kubernetes", "kubernetes.audit", false],
  ["kubernetes*", "kubernetes.audit", true],
  ["aws*", "aws", true],
  ["*trail", "cloudtrail", true],
  ["*trail", "cloudtrail.x", false],
  ["*", "", true],
  ["win?", "wins", true],
  ["win?", "win", false],
  ["w*n?o*s", "windows", true],
  ["a\\*", "a*", true],
  ["a\\*", "ab", false],
  ["a\\?", "a?", true],
  ["a\\?", "ab", false],
  ["a\\\\b", "a\\b", true],
  ["my source", "My Source", true],
];

describe("sourceMatches", () => {
  it.each(matching)("%s ~ %s = %s", (pattern, source, expected) => {
    expect(sourceMatches(pattern, source)).toBe(expected);
  });

  it("matches long texts without backtracking blow-up", () => {
    const started = performance.now();
    expect(sourceMatches(`${"*a".repeat(40)}b`, "a".repeat(400))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
