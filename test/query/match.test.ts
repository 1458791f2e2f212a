import { describe, expect, it } from "vitest";
import { matchesRecord, parseLogQuery } from "../../src/query/index.js";

const record: Record<string, string[]> = {
  env: ["prod"],
  service: ["api"],
  "@usr.id": ["root"],
  "@http.status_code": ["503"],
};
const matches = (query: string) => matchesRecord(parseLogQuery(query), (field) => record[field] ?? []);

describe("matchesRecord", () => {
  it("matches terms, case-insensitively, and wildcards", () => {
    expect(matches("env:prod")).toBe(true);
    expect(matches("env:PROD")).toBe(true);
    expect(matches("env:test")).toBe(false);
    expect(matches("env:pr*")).toBe(true);
    expect(matches("@usr.id:root service:api")).toBe(true);
  });

  it("does not match a term on a field the record lacks, nor free text", () => {
    expect(matches("team:sec")).toBe(false);
    expect(matches("prod")).toBe(false);
  });

  it("an empty query and a lone * match everything", () => {
    expect(matches("")).toBe(true);
    expect(matches("*")).toBe(true);
  });

  it("combines with OR, AND and NOT as Datadog does", () => {
    expect(matches("env:test OR env:prod")).toBe(true);
    expect(matches("env:prod AND -service:api")).toBe(false);
    expect(matches("-env:test")).toBe(true);
    expect(matches("env:(staging OR prod)")).toBe(true);
  });

  it("answers _exists_ and numeric ranges", () => {
    expect(matches("_exists_:@usr.id")).toBe(true);
    expect(matches("_exists_:team")).toBe(false);
    expect(matches("@http.status_code:>=500")).toBe(true);
    expect(matches("@http.status_code:[400 TO 499]")).toBe(false);
  });
});
