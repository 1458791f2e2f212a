/** Flushing a written file to disk before it is renamed into place or reported as written. */
import { open } from "node:fs/promises";

/** fsyncs the file at `path`, so a crash after this cannot leave it empty or half written. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
