/**
 * What a collector accepts as an answer, on call results directly: a body
 * must be a JSON object, and a value must be one the client could read; the
 * error names the operation and keeps the client's reason. And a collector
 * built by defineCollector carries the description kept for its id.
 */
import { describe, expect, it } from "vitest";
import { defineCollector, requireBody, requireValue } from "../../src/collectors/context.js";
import { collectorDescription } from "../../src/snapshot/collector-descriptions.js";

const OPERATION = "v1 LogsIndexesApi.listLogIndexes";
const EMPTY = `${OPERATION}: Datadog answered with an empty response (no JSON object in the body)`;

describe("requireBody", () => {
  it("hands back the body itself when it is a JSON object", () => {
    const raw = { indexes: [] };
    expect(requireBody({ value: undefined, raw }, OPERATION)).toBe(raw);
  });

  it("refuses null, a number, a string, a boolean and a list, naming the operation", () => {
    for (const raw of [null, undefined, 0, 5, "", "indexes", true, [], [{ name: "main" }]])
      expect(() => requireBody({ value: undefined, raw }, OPERATION), JSON.stringify(raw)).toThrow(new Error(EMPTY));
  });
});

describe("requireValue", () => {
  it("hands back the value the client read", () => {
    const value = { indexes: [{ name: "main" }] };
    expect(requireValue({ value, raw: { indexes: [{ name: "main" }] } }, OPERATION)).toBe(value);
  });

  it("refuses a body that is not a JSON object before looking at the value", () => {
    expect(() => requireValue({ value: { indexes: [] }, raw: [] }, OPERATION)).toThrow(new Error(EMPTY));
  });

  it("fails with the client's reason, kept as the cause, when the client could not read the body", () => {
    const reason = new TypeError("mismatch types 'main' and 'Array<LogsIndex>'");
    let thrown: unknown;
    try {
      requireValue({ value: undefined, raw: { indexes: "main" }, deserializeError: reason }, OPERATION);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe(
      `${OPERATION}: the client could not read the response: mismatch types 'main' and 'Array<LogsIndex>'`,
    );
    expect((thrown as Error).cause).toBe(reason);
  });

  it("fails saying there is no value when the client gave none and no reason", () => {
    for (const value of [undefined, null])
      expect(() => requireValue({ value, raw: { indexes: [] } }, OPERATION), String(value)).toThrow(
        new Error(`${OPERATION}: the client could not read the response: no value`),
      );
  });
});

describe("defineCollector", () => {
  it("keeps the id and the collect function, and adds the description kept for that id", () => {
    const collect = async () => ({ indexes: [] });
    const collector = defineCollector({ id: "log_indexes", collect });
    expect(collector).toEqual({ id: "log_indexes", collect, description: collectorDescription("log_indexes") });
    expect(collector.collect).toBe(collect);
    expect(collector.description.title).toBe("Log indexes and retention");
  });
});
