/**
 * Snapshot edits: the changes `ddproof whatif` tries and `ddproof plan`
 * proposes, each written as the command-line flag that asks for it. An edit
 * changes only what it names; signals recorded in the period always stay
 * as they were, because an edit cannot rewrite the past. Applying an edit
 * never changes the snapshot it is given: untouched parts are shared.
 */
import { Severity } from "../snapshot/schema.js";

export const EDIT_KINDS = [
  "enable-rule",
  "disable-rule",
  "drop-source",
  "restore-source",
  "protect-hosts",
  "unprotect-hosts",
  "route",
  "set-retention",
  "add-archive",
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export type Edit =
  | { kind: "enable-rule" | "disable-rule"; rule: string }
  | { kind: "drop-source" | "restore-source"; source: string }
  | { kind: "protect-hosts" | "unprotect-hosts"; glob: string }
  | { kind: "route"; severity: Severity }
  | { kind: "set-retention"; index: string; days: number }
  | { kind: "add-archive" };

/** What each flag does, for `--help`; the value name is shown after the flag. */
export const EDIT_FLAGS: ReadonlyArray<{ kind: EditKind; value: string | null; help: string }> = [
  { kind: "enable-rule", value: "id", help: "enable a rule (its recorded signals stay)" },
  { kind: "disable-rule", value: "id", help: "disable a rule (its recorded signals stay)" },
  { kind: "drop-source", value: "source", help: "a log source sends nothing for the whole period" },
  { kind: "restore-source", value: "source", help: "a log source ingests every day of the period" },
  {
    kind: "protect-hosts",
    value: "glob",
    help: "matching hosts report, run the security agent and have Workload Protection on",
  },
  {
    kind: "unprotect-hosts",
    value: "glob",
    help: "matching hosts stop reporting, run no security agent and have Workload Protection off",
  },
  { kind: "route", value: "severity", help: "an unscoped notification rule routes that severity" },
  { kind: "set-retention", value: "index=days", help: "set a log index's retention in days" },
  { kind: "add-archive", value: null, help: "an active (working) log archive exists" },
];

/** The flag and value that ask for the edit, as `whatif` takes it: `--enable-rule abc-123`. */
export function editString(edit: Edit): string {
  const flag = `--${edit.kind}`;
  switch (edit.kind) {
    case "enable-rule":
    case "disable-rule":
      return `${flag} ${edit.rule}`;
    case "drop-source":
    case "restore-source":
      return `${flag} ${edit.source}`;
    case "protect-hosts":
    case "unprotect-hosts":
      return `${flag} ${edit.glob}`;
    case "route":
      return `${flag} ${edit.severity}`;
    case "set-retention":
      return `${flag} ${edit.index}=${edit.days}`;
    case "add-archive":
      return flag;
  }
}

/** Thrown for a flag value that cannot be an edit; the CLI turns it into exit 2. */
export class EditSyntaxError extends Error {
  override readonly name = "EditSyntaxError";
}

/** The edit a flag and its value ask for (value null for `--add-archive`). */
export function parseEdit(kind: EditKind, value: string | null): Edit {
  const text = (value ?? "").trim();
  const need = (what: string) => {
    if (text === "") throw new EditSyntaxError(`--${kind}: expected ${what}`);
    return text;
  };
  switch (kind) {
    case "enable-rule":
    case "disable-rule":
      return { kind, rule: need("a rule id") };
    case "drop-source":
    case "restore-source":
      return { kind, source: need("a log source name") };
    case "protect-hosts":
    case "unprotect-hosts":
      return { kind, glob: need("a host name or glob such as web-*") };
    case "route": {
      const severity = Severity.safeParse(need("a severity").toLowerCase());
      if (!severity.success)
        throw new EditSyntaxError(`--route "${text}": expected one of ${Severity.options.join(", ")}`);
      return { kind, severity: severity.data };
    }
    case "set-retention": {
      const match = /^(.+)=(\d+)$/.exec(need("INDEX=DAYS"));
      const days = Number(match?.[2]);
      if (!match || !Number.isSafeInteger(days) || days <= 0)
        throw new EditSyntaxError(`--set-retention "${text}": expected INDEX=DAYS with a whole number of days above 0`);
      return { kind, index: match[1]!.trim(), days };
    }
    case "add-archive":
      return { kind };
  }
}

/** Parses an edit string as `editString` writes it: `--set-retention main=365`. */
export function parseEditString(text: string): Edit {
  const match = /^--([a-z-]+)(?:\s+(.+))?$/.exec(text.trim());
  const kind = EDIT_KINDS.find((candidate) => candidate === match?.[1]);
  if (!match || kind === undefined) throw new EditSyntaxError(`"${text}": not an edit flag`);
  return parseEdit(kind, match[2] ?? null);
}
