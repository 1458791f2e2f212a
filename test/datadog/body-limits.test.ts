/**
 * The byte limits of a body read, as units on in-memory responses: a declared
 * length exactly at the limit is read, a missing body is empty text, a body
 * past the large-body threshold waits for the process-wide gate (and only
 * then), and the gate hands over to the next waiter even after an earlier
 * waiter's signal aborts.
 */
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { readBoundedText } from "../../src/datadog/bounded-body.js";
import { LARGE_BODY_BYTES, LargeBodyGate, largeBodyGate } from "../../src/datadog/large-body-gate.js";

let holdingGate = false;

/** Takes the shared gate, as another large body being read would. */
async function holdGate(): Promise<void> {
  await largeBodyGate.acquire();
  holdingGate = true;
}

afterEach(() => {
  if (holdingGate) largeBodyGate.release();
  holdingGate = false;
});

/** Whether the shared gate is free: an acquire with an aborted signal resolves only then (and takes it). */
async function gateIsFree(): Promise<boolean> {
  const aborted = AbortSignal.abort(new Error("probe"));
  const free = await largeBodyGate.acquire(aborted).then(
    () => true,
    () => false,
  );
  if (free) largeBodyGate.release();
  return free;
}

/** Settles `promise` into "resolved", "rejected" or "pending" once queued work has run. */
async function settled(promise: Promise<unknown>): Promise<string> {
  let state = "pending";
  promise.then(
    () => (state = "resolved"),
    () => (state = "rejected"),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
}

describe("a declared length", () => {
  it("exactly at the limit is read", async () => {
    const response = new Response("0123456789", { headers: { "content-length": "10" } });
    expect(await readBoundedText(response, 10)).toBe("0123456789");
  });

  it("one byte over the limit fails before reading, naming both", async () => {
    const response = new Response("0123456789a", { headers: { "content-length": "11" } });
    await expect(readBoundedText(response, 10)).rejects.toThrow(
      "the response declares 11 bytes, over the 10 bytes limit on a response body",
    );
  });
});

describe("bodies and the large-body gate", () => {
  it("a response without a body reads as empty text", async () => {
    expect(await readBoundedText(new Response(null, { status: 200 }), 10)).toBe("");
  });

  it("a small body neither takes nor gives back the gate", async () => {
    await holdGate();
    expect(await readBoundedText(new Response('{"data":[]}'), 1024)).toBe('{"data":[]}');
    expect(await gateIsFree()).toBe(false);
  });

  it("a body of exactly the threshold is read without the gate", async () => {
    await holdGate();
    const body = Buffer.alloc(LARGE_BODY_BYTES, 0x61);
    const text = await readBoundedText(new Response(body), 4 * LARGE_BODY_BYTES);
    expect(text.length).toBe(LARGE_BODY_BYTES);
  });

  it("a body past the threshold waits for the gate, and gives it back when done", async () => {
    await holdGate();
    const body = Buffer.alloc(LARGE_BODY_BYTES + 1, 0x61);
    const reading = readBoundedText(new Response(body), 4 * LARGE_BODY_BYTES);
    expect(await settled(reading)).toBe("pending");
    holdingGate = false;
    largeBodyGate.release();
    expect((await reading).length).toBe(LARGE_BODY_BYTES + 1);
    expect(await gateIsFree()).toBe(true);
  });

  it("a body waiting for the gate gives up with the signal's reason", async () => {
    await holdGate();
    const controller = new AbortController();
    const body = Buffer.alloc(LARGE_BODY_BYTES + 1, 0x61);
    const reading = readBoundedText(new Response(body), 4 * LARGE_BODY_BYTES, controller.signal);
    const reason = new Error("deadline");
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
  });
});

describe("the gate itself", () => {
  it("a waiter granted the gate no longer listens to its signal", async () => {
    const gate = new LargeBodyGate();
    await gate.acquire();
    const first = new AbortController();
    const firstWaiter = gate.acquire(first.signal);
    gate.release();
    await firstWaiter;
    const second = gate.acquire();
    // Were the first waiter still listening, this abort would drop the second from the queue.
    first.abort(new Error("late"));
    gate.release();
    expect(await settled(second)).toBe("resolved");
  });

  it("a waiter that gives up leaves no listener on its signal", async () => {
    const gate = new LargeBodyGate();
    await gate.acquire();
    const controller = new AbortController();
    const waiter = gate.acquire(controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort(new Error("deadline"));
    await expect(waiter).rejects.toThrow("deadline");
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
