/**
 * The shutdown signal handlers: one listener for SIGTERM and SIGINT that
 * counts the signals it hears across both, removed again by the function
 * returned; and the run aborter's listener allowance. The listeners are
 * called directly: emitting a real signal would reach the test runner's too.
 */
import { getMaxListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createRunAborter, onShutdownSignals, SHUTDOWN_SIGNALS } from "../../src/schedule/shutdown-signals.js";

function added(signal: NodeJS.Signals, before: readonly unknown[]): Array<(signal: NodeJS.Signals) => void> {
  return process.listeners(signal).filter((listener) => !before.includes(listener)) as Array<
    (signal: NodeJS.Signals) => void
  >;
}

describe("onShutdownSignals", () => {
  it("hears SIGTERM and SIGINT through one listener, counting every signal, until removed", () => {
    expect(SHUTDOWN_SIGNALS).toEqual(["SIGTERM", "SIGINT"]);
    const before = { SIGTERM: process.listeners("SIGTERM"), SIGINT: process.listeners("SIGINT") };
    const heard: Array<[NodeJS.Signals, number]> = [];
    const remove = onShutdownSignals((signal, count) => heard.push([signal, count]));
    try {
      const [term] = added("SIGTERM", before.SIGTERM);
      const [int] = added("SIGINT", before.SIGINT);
      expect(added("SIGTERM", before.SIGTERM)).toHaveLength(1);
      expect(added("SIGINT", before.SIGINT)).toHaveLength(1);
      expect(term).toBe(int);
      term!("SIGTERM");
      int!("SIGINT");
      term!("SIGTERM");
      expect(heard).toEqual([
        ["SIGTERM", 1],
        ["SIGINT", 2],
        ["SIGTERM", 3],
      ]);
    } finally {
      remove();
    }
    expect(process.listeners("SIGTERM")).toEqual(before.SIGTERM);
    expect(process.listeners("SIGINT")).toEqual(before.SIGINT);
  });

  it("each registration counts its own signals", () => {
    const before = process.listeners("SIGTERM");
    const first: number[] = [];
    const second: number[] = [];
    const removeFirst = onShutdownSignals((_signal, count) => first.push(count));
    const removeSecond = onShutdownSignals((_signal, count) => second.push(count));
    try {
      const [one, two] = added("SIGTERM", before);
      one!("SIGTERM");
      one!("SIGTERM");
      two!("SIGTERM");
      expect([first, second]).toEqual([[1, 2], [1]]);
    } finally {
      removeFirst();
      removeSecond();
    }
  });
});

describe("createRunAborter", () => {
  it("allows 100 listeners on its signal (one per concurrent request) and starts unaborted", () => {
    const aborter = createRunAborter();
    expect(getMaxListeners(aborter.signal)).toBe(100);
    expect(aborter.signal.aborted).toBe(false);
  });
});
