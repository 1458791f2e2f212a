import type { PartData } from "../../../src/snapshot/schema.js";
import { runCheckTable } from "../check-table.js";
import { buildSnapshot, logArchive, logIndex } from "../fixtures/snapshot-builder.js";

const index = logIndex;
const archive = logArchive;
const snap = (indexes: PartData<"log_indexes">["indexes"], archives: PartData<"log_archives">["archives"] = []) =>
  buildSnapshot({ log_indexes: { indexes }, log_archives: { archives } });

runCheckTable("log_retention", {
  pass: [
    {
      name: "365 days searchable without an archive",
      snapshot: snap([index("main", 365)]),
      messageId: "retentionMet",
      data: { ok: 1, indexes: 1, working_archives: 0, per_index: ["main 365 days searchable"] },
      evidence: ["main"],
      reasonCode: null,
    },
    {
      name: "exactly 90 days searchable plus a working archive",
      snapshot: snap([index("main", 90)], [archive("a1", "WORKING")]),
      messageId: "retentionMet",
      data: { ok: 1, working_archives: 1 },
      evidence: ["main", "a1"],
    },
    {
      name: "Flex retention counts as searchable",
      snapshot: snap([index("main", 15, 400)]),
      messageId: "retentionMet",
      data: { per_index: ["main 400 days searchable"] },
    },
    {
      name: "only the indexes the patterns name are judged",
      snapshot: snap([index("security", 365), index("debug", 3)]),
      params: { indexes: ["sec*"] },
      messageId: "retentionMet",
      data: { indexes: 1 },
    },
  ],
  partial: [
    {
      name: "one index of two too short",
      snapshot: snap([index("main", 90), index("debug", 89)], [archive("a1", "working_auth_legacy")]),
      messageId: "retentionShort",
      data: { ok: 1, indexes: 2 },
      reasonCode: "retention_short",
    },
  ],
  fail: [
    {
      name: "89 days searchable is a day short",
      snapshot: snap([index("main", 89)], [archive("a1", "WORKING")]),
      messageId: "noneRetained",
      data: { ok: 0 },
      reasonCode: "retention_short",
    },
    {
      name: "364 days and no working archive",
      snapshot: snap([index("main", 364)], [archive("a1", "FAILING")]),
      messageId: "noneRetained",
      data: { working_archives: 0 },
    },
    {
      name: "no index at all",
      snapshot: snap([]),
      messageId: "noIndexes",
      reasonCode: "retention_short",
    },
  ],
  unknown: [
    {
      name: "log_indexes collector failed",
      snapshot: buildSnapshot({ log_indexes: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["log_indexes"] },
    },
    {
      name: "log_archives collector failed",
      snapshot: buildSnapshot({ log_archives: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["log_archives"] },
    },
  ],
});
