#!/usr/bin/env -S node --max-old-space-size=384
// The heap cap above keeps memory bounded: without it V8, on a machine with
// plenty of RAM, lets a long collection's page garbage pile up to twice the
// working set before collecting it. 384 MB of heap is ten times what the
// largest benchmark org needs; `node --max-old-space-size=N dist/cli/main.js`
// runs ddproof with another cap.
import { runCli } from "./program.js";
import { redactStderr } from "./redact-stderr.js";

redactStderr();

// `ddproof … | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
