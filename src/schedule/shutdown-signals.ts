/**
 * SIGTERM and SIGINT for long-running commands: the handler hears each one
 * with a count, so the first can mean "finish up" and the second "give up".
 * Returns a function that removes the handlers again. Also the controller
 * whose signal abandons runs.
 */
import { setMaxListeners } from "node:events";

export const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT"] as const;

export function onShutdownSignals(handler: (signal: NodeJS.Signals, count: number) => void): () => void {
  let count = 0;
  const listener = (signal: NodeJS.Signals) => {
    count += 1;
    handler(signal, count);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, listener);
  return () => {
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, listener);
  };
}

/** Listeners a run's signal may carry: one per concurrent request, more than Node's default warning threshold (10). */
const RUN_SIGNAL_LISTENERS = 100;

/** The AbortController that abandons runs on shutdown. */
export function createRunAborter(): AbortController {
  const controller = new AbortController();
  setMaxListeners(RUN_SIGNAL_LISTENERS, controller.signal);
  return controller;
}
