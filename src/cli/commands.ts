/**
 * The registry of commands, in the order `ddproof --help` lists them.
 * One module per command in this folder; each does argument parsing only and
 * hands the work to the room that owns it.
 *
 * Modules load on demand: a run loads only the command it names, so
 * `ddproof verify` does not pay for the PDF, workbook and Datadog client
 * libraries other commands use (loading every command takes about a second
 * more per process). Help, a version request and a mistyped name load them all,
 * so commander can list every command and suggest the nearest one.
 */
import type { CommandModule } from "./command.js";

interface CommandEntry {
  /** The first word of the command line that selects this module (`catalog` for its subcommands). */
  name: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "demo", load: async () => (await import("./demo.js")).demoCommand },
  { name: "collect", load: async () => (await import("./collect.js")).collectCommand },
  { name: "doctor", load: async () => (await import("./doctor.js")).doctorCommand },
  { name: "assess", load: async () => (await import("./assess.js")).assessCommand },
  { name: "report", load: async () => (await import("./report.js")).reportCommand },
  { name: "pack", load: async () => (await import("./pack.js")).packCommand },
  { name: "merge", load: async () => (await import("./merge.js")).mergeCommand },
  { name: "verify", load: async () => (await import("./verify.js")).verifyCommand },
  { name: "verify-history", load: async () => (await import("./verify-history.js")).verifyHistoryCommand },
  { name: "keygen", load: async () => (await import("./keygen.js")).keygenCommand },
  { name: "diff", load: async () => (await import("./diff.js")).diffCommand },
  { name: "whatif", load: async () => (await import("./whatif.js")).whatifCommand },
  { name: "plan", load: async () => (await import("./plan.js")).planCommand },
  { name: "schedule", load: async () => (await import("./schedule.js")).scheduleCommand },
  { name: "run-job", load: async () => (await import("./run-job.js")).runJobCommand },
  { name: "simulate", load: async () => (await import("./simulate.js")).simulateCommand },
  { name: "init", load: async () => (await import("./init.js")).initCommand },
  { name: "catalog", load: async () => (await import("./catalog-list.js")).catalogListCommand },
  { name: "catalog", load: async () => (await import("./catalog-import-attack.js")).catalogImportAttackCommand },
  { name: "catalog", load: async () => (await import("./catalog-import-oscal.js")).catalogImportOscalCommand },
];

/** Every command module, in registry order. */
export function loadAllCommands(): Promise<CommandModule[]> {
  return Promise.all(COMMANDS.map((entry) => entry.load()));
}

/** The modules a command line needs: those of the command it names, or all of them when it names none. */
export function loadCommandsFor(argv: readonly string[]): Promise<CommandModule[]> {
  const named = COMMANDS.filter((entry) => entry.name === argv[0]);
  return named.length === 0 ? loadAllCommands() : Promise.all(named.map((entry) => entry.load()));
}
