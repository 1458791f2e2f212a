/**
 * GET /api/v2/logs/config/archives (v2 LogsArchivesApi.listLogsArchives).
 * No paging; `state` is WORKING, FAILING, … (LogsArchiveState).
 */
import { type Endpoint, ok } from "./endpoint.js";
import { deleteFromFirstItem, setOnFirstItem } from "./params.js";

export const logArchivesEndpoint: Endpoint = {
  id: "log_archives",
  method: "GET",
  path: "/api/v2/logs/config/archives",
  needsAppKey: true,
  handle({ org }) {
    return ok({
      data: org.logArchives.map((archive) => ({
        id: archive.id,
        type: "archives",
        attributes: {
          name: archive.name,
          query: archive.query,
          state: archive.state,
          destination: archive.destination,
          include_tags: true,
          rehydration_tags: archive.rehydrationTags,
        },
      })),
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(body.data, "attributes.state", "PAUSED"),
  dropRequiredField: (body) => deleteFromFirstItem(body.data, "attributes.name"),
};
