/**
 * A mapping file (`mappings/<framework>.yaml`): for each control id, the
 * checks that evidence it, each `{kind, params, rationale}`. Params are
 * validated by the kind's own schema (and its defaults filled in) while the
 * file is read, so a bad parameter names the file and the spot in it.
 */
import { z } from "zod";
import { CHECK_KINDS, checkModule } from "./checks/index.js";

const NonEmpty = z.string().trim().min(1);

const RawMappingEntry = z
  .object({
    kind: NonEmpty,
    params: z.record(z.string(), z.unknown()).default({}),
    /** One line: why this check evidences the control (or, for manual, what a person must attest). */
    rationale: NonEmpty,
  })
  .strict();

export const MappingEntry = RawMappingEntry.transform((entry, ctx) => {
  const module = checkModule(entry.kind);
  if (module === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["kind"],
      message: `unknown check kind "${entry.kind}"; expected one of ${CHECK_KINDS.join(", ")}`,
    });
    return z.NEVER;
  }
  const parsed = module.params.safeParse(entry.params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", path: ["params", ...issue.path], message: issue.message });
    return z.NEVER;
  }
  return { kind: entry.kind, params: parsed.data as unknown, rationale: entry.rationale };
});
export type MappingEntry = z.output<typeof MappingEntry>;

export const MappingFile = z
  .object({
    /** The framework id; must equal the file name without `.yaml`. */
    framework: NonEmpty,
    /** Free-form: a place to define YAML anchors (source lists, selectors) that controls reuse. */
    shared: z.record(z.string(), z.unknown()).optional(),
    controls: z.record(z.string(), z.array(MappingEntry).min(1)),
  })
  .strict();
export type MappingFile = z.output<typeof MappingFile>;

/** Control id → its checks, per framework id. */
export type MappingSet = Record<string, Record<string, MappingEntry[]>>;
