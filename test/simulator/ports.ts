/** Consecutive 127.0.0.1 ports for the fleet tests, and a server that holds one taken. */
import { createServer, type Server } from "node:net";

function listen(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port P such that P … P + count - 1 were all free a moment ago (each was bound, then released). */
export async function consecutiveFreePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await listen(0);
    if (!first) continue;
    const base = (first.address() as { port: number }).port;
    const held: Server[] = [first];
    for (let port = base + 1; port < base + count && port <= 65535; port++) {
      const server = await listen(port);
      if (!server) break;
      held.push(server);
    }
    await Promise.all(held.map(close));
    if (held.length === count) return base;
  }
  throw new Error(`no ${count} consecutive free ports on 127.0.0.1 in 20 attempts`);
}

/** Holds `port` on 127.0.0.1 until the returned function is called. */
export async function holdPort(port: number): Promise<() => Promise<void>> {
  const server = await listen(port);
  if (!server) throw new Error(`port ${port} is not free`);
  return () => close(server);
}

/** Whether `port` can be bound on 127.0.0.1 now (nothing listens on it). */
export async function isFree(port: number): Promise<boolean> {
  const server = await listen(port);
  if (server) await close(server);
  return server !== null;
}
