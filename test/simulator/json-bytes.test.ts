/**
 * The pieces that let search pages skip JSON.stringify: JsonWriter,
 * serializeBody and isoMillis must give byte for byte what JSON.stringify
 * and toISOString give.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoMillis } from "../../src/simulator/endpoints/params.js";
import { JsonWriter } from "../../src/simulator/json-writer.js";
import { RawJson, serializeBody } from "../../src/simulator/raw-json.js";

const text = (item: RawJson) => item.bytes.toString("utf8");

function written(write: (w: JsonWriter) => void, w = new JsonWriter()): string {
  w.begin();
  write(w);
  return text(w.finish());
}

describe("JsonWriter", () => {
  it("writes strings as JSON.stringify does, escapes and non-ASCII included", () => {
    for (const value of [
      "",
      "plain",
      'quote " and \\ backslash',
      "line\nbreak\ttab\u0001\u001f\u007f",
      "Zoë Ångström",
      "emoji 🛡️",
      "lone \ud800 surrogate",
      "</script>",
    ]) {
      expect(written((w) => w.string(value))).toBe(JSON.stringify(value));
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => written((w) => w.string(value)) === JSON.stringify(value)),
    );
  });

  it("writes numbers as JSON.stringify does", () => {
    for (const value of [
      0,
      -0,
      7,
      10,
      99,
      100,
      1_783_411_147_477,
      Number.MAX_SAFE_INTEGER,
      2 ** 53,
      1e21,
      -3,
      0.5,
      1e-7,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]) {
      expect(written((w) => w.number(value))).toBe(JSON.stringify(value));
    }
    fc.assert(
      fc.property(
        fc.oneof(fc.maxSafeNat(), fc.double()),
        (value) => written((w) => w.number(value)) === JSON.stringify(value),
      ),
    );
  });

  it("copies raw text and encoded bytes as they are, ASCII or not", () => {
    expect(
      written((w) => {
        w.raw('{"a":');
        w.bytes(Buffer.from('"é"'));
        w.raw(',"b":"ü"}');
      }),
    ).toBe('{"a":"é","b":"ü"}');
  });

  it("never changes an item once finished, across chunks and items bigger than a chunk", () => {
    const w = new JsonWriter();
    const expected: string[] = [];
    const items: RawJson[] = [];
    for (let n = 0; n < 3000; n++) {
      // A few items larger than a whole 1 MiB chunk among many small ones.
      const value = n % 1000 === 500 ? "x".repeat(1_500_000 + n) : `item ${n} ${"y".repeat(n % 700)}`;
      expected.push(JSON.stringify(value));
      items.push(
        (() => {
          w.begin();
          w.string(value);
          return w.finish();
        })(),
      );
    }
    expect(items.map(text)).toEqual(expected);
  });

  it("drops what an unfinished item left behind when the next one begins", () => {
    const w = new JsonWriter();
    w.begin();
    w.raw('{"half":');
    expect(written((x) => x.raw("[1]"), w)).toBe("[1]");
  });
});

describe("serializeBody", () => {
  it("is Buffer.from(JSON.stringify(body)) with raw items copied in", () => {
    const events = [{ id: "a", n: 1 }, { id: "b", text: "é\n" }, { id: "c" }];
    const raw = (value: unknown) => new RawJson(Buffer.from(JSON.stringify(value)));
    const body = {
      data: [raw(events[0]), events[1], undefined, raw(events[2])],
      skipped: undefined,
      meta: { page: { after: "x" } },
      fn: () => 1,
    };
    const plain = {
      data: [events[0], events[1], undefined, events[2]],
      skipped: undefined,
      meta: { page: { after: "x" } },
      fn: () => 1,
    };
    expect(serializeBody(body).toString("utf8")).toBe(JSON.stringify(plain));
    expect(serializeBody({ meta: 1, data: [raw({ only: true })] }).toString("utf8")).toBe(
      '{"meta":1,"data":[{"only":true}]}',
    );
    expect(serializeBody({ data: [raw(1), raw(2)] }).toString("utf8")).toBe('{"data":[1,2]}');
  });

  it("leaves bodies without raw items to JSON.stringify", () => {
    for (const body of [
      {},
      { data: [] },
      { errors: ["Not found"] },
      { host_list: [{ name: "h", up: true }], total: 1 },
    ]) {
      expect(serializeBody(body).toString("utf8")).toBe(JSON.stringify(body));
    }
  });

  it("turns a raw item back into the object it encodes", () => {
    expect(new RawJson(Buffer.from('{"a":[1,"é"]}')).parse()).toEqual({ a: [1, "é"] });
  });
});

describe("isoMillis", () => {
  it("is toISOString, including across days, years and the edges of four-digit years", () => {
    for (const ms of [0, 1, 86_399_999, 86_400_000, 951_782_400_000, 1_783_411_147_477, 253_402_300_799_999])
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
    // Outside what the fast path covers: six-digit and negative years, fractions.
    for (const ms of [253_402_300_800_000, -1, -62_198_755_200_000, 1.7, -0.5])
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoMillis(Number.NaN)).toThrow(RangeError);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 253_402_300_799_999 }),
        (ms) => isoMillis(ms) === new Date(ms).toISOString(),
      ),
    );
  });
});
