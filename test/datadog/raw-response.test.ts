/** The response processor that skips the client's deserializer: 2xx gives nothing back, anything else the client's ApiException. */
import { describe, expect, it } from "vitest";
import { rawResponseProcessor } from "../../src/datadog/raw-response.js";
import { loadDatadogModule } from "../../src/datadog/session.js";

function response(status: number, text: string) {
  return { httpStatusCode: status, body: { text: async () => text } };
}

describe("rawResponseProcessor", () => {
  it("is keyed by the API method and returns nothing for every 2xx", async () => {
    const dd = await loadDatadogModule();
    const processor = rawResponseProcessor(dd, "listThings");
    expect(Object.keys(processor)).toEqual(["listThings"]);
    for (const status of [200, 204, 299])
      expect(await processor.listThings(response(status, "not read"))).toBeUndefined();
  });

  it.each([
    [199, '{"errors":["x"]}', { errors: ["x"] }],
    [300, "moved", "moved"],
    [429, '{"errors":["Too many requests"]}', { errors: ["Too many requests"] }],
    [500, "<html>oops</html>", "<html>oops</html>"],
  ])(
    "raises HTTP %i as the client's ApiException with the body, parsed when it is JSON",
    async (status, text, body) => {
      const dd = await loadDatadogModule();
      const failure = await rawResponseProcessor(dd, "get")
        .get(response(status, text))
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(dd.client.ApiException);
      expect(failure).toMatchObject({ code: status, body });
    },
  );
});
