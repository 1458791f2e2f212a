/**
 * A response processor for the client's API classes that skips model
 * deserialization. The client's generated API classes take a response
 * processor in their constructor; this one raises the same ApiException the
 * client would for an HTTP error, and otherwise returns nothing, leaving the
 * caller to read the raw JSON that our fetch already parsed once.
 *
 * Why: on the hot path (a quarter can hold a million signals, a thousand per
 * page) the client's deserializer and a second JSON.parse cost about as much
 * CPU as everything else per page, and the signal model keeps severity and
 * workflow in untyped `additionalProperties` anyway. The request is still
 * built, authenticated and sent by the official client.
 */
import type { DatadogModule } from "./session.js";

interface ResponseLike {
  httpStatusCode: number;
  body: { text(): Promise<string> };
}

export function rawResponseProcessor<M extends string>(
  dd: DatadogModule,
  method: M,
): Record<M, (response: ResponseLike) => Promise<undefined>> {
  const process = async (response: ResponseLike): Promise<undefined> => {
    if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) return undefined;
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Keep the text: the error message shows it.
    }
    throw new dd.client.ApiException(response.httpStatusCode, body);
  };
  return { [method]: process } as Record<M, (response: ResponseLike) => Promise<undefined>>;
}
