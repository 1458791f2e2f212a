/** The three paging styles: which pages are asked for, which are yielded, and where each stops. */
import { describe, expect, it } from "vitest";
import { pagesByCursor, pagesByNumber, pagesByOffset } from "../../src/datadog/paging.js";

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const seen: T[][] = [];
  for await (const page of pages) seen.push(page);
  return seen;
}

describe("page-number paging", () => {
  it("asks page after page until a short page, yielding only pages with items", async () => {
    const asked: Array<[number, number]> = [];
    const data = [["a", "b"], ["c", "d"], []];
    const pages = await collect(
      pagesByNumber(async (page, size) => {
        asked.push([page, size]);
        return data[page] ?? [];
      }, 2),
    );
    expect(pages).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(asked).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it("starts at the first page given and stops on a page shorter than the size", async () => {
    const asked: number[] = [];
    const pages = await collect(
      pagesByNumber(
        async (page) => {
          asked.push(page);
          return page === 1 ? ["a", "b", "c"] : ["d"];
        },
        3,
        1,
      ),
    );
    expect(pages).toEqual([["a", "b", "c"], ["d"]]);
    expect(asked).toEqual([1, 2]);
  });
});

describe("offset paging", () => {
  it("moves the offset by the count until a short page", async () => {
    const asked: Array<[number, number]> = [];
    const pages = await collect(
      pagesByOffset(async (start, count) => {
        asked.push([start, count]);
        return start < 4 ? [start, start + 1] : [];
      }, 2),
    );
    expect(pages).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(asked).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
    ]);
  });

  it("stops after one short page", async () => {
    const asked: number[] = [];
    expect(
      await collect(
        pagesByOffset(async (start) => {
          asked.push(start);
          return ["only"];
        }, 2),
      ),
    ).toEqual([["only"]]);
    expect(asked).toEqual([0]);
  });
});

describe("cursor paging", () => {
  it("follows the cursor until the server gives none, skipping empty pages", async () => {
    const asked: Array<string | undefined> = [];
    const answers: Record<string, { items: string[]; next: string | undefined }> = {
      first: { items: ["a"], next: "c1" },
      c1: { items: [], next: "c2" },
      c2: { items: ["b", "c"], next: "" },
    };
    const pages = await collect(
      pagesByCursor(async (cursor) => {
        asked.push(cursor);
        return answers[cursor ?? "first"]!;
      }),
    );
    expect(pages).toEqual([["a"], ["b", "c"]]);
    expect(asked).toEqual([undefined, "c1", "c2"]);
  });

  it("refuses a cursor the server already gave, quoting its first 40 characters", async () => {
    const cursor = `${"x".repeat(40)}tail`;
    let calls = 0;
    const pages = pagesByCursor(async () => {
      calls += 1;
      return { items: [calls], next: cursor };
    });
    await expect(collect(pages)).rejects.toThrow(new Error(`the server repeated the page cursor "${"x".repeat(40)}"`));
    expect(calls).toBe(2);
  });
});
