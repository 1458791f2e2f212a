/**
 * POST /api/v1/events (v1 EventsApi.createEvent): records the event in
 * `received.events` and answers 202 with it, as Datadog does. API key only.
 */
import { BadRequest, type Endpoint, ok } from "./endpoint.js";
import { asObject, deleteFromFirstItem, setOnFirstItem } from "./params.js";

/** Event ids are large integers; these stay within JavaScript's safe range. */
const FIRST_EVENT_ID = 6_500_000_000_000;

export const eventsSubmitEndpoint: Endpoint = {
  id: "events_submit",
  method: "POST",
  path: "/api/v1/events",
  needsAppKey: false,
  handle({ body, org, received }) {
    const event = asObject(body, "body");
    if (typeof event.title !== "string" || typeof event.text !== "string")
      throw new BadRequest("title and text are required strings");
    received.events.push(event);
    const id = FIRST_EVENT_ID + received.events.length;
    return ok(
      {
        status: "ok",
        event: {
          id,
          id_str: String(id),
          title: event.title,
          text: event.text,
          date_happened:
            typeof event.date_happened === "number" ? event.date_happened : Math.floor(org.now.getTime() / 1000),
          priority: event.priority ?? "normal",
          alert_type: event.alert_type ?? "info",
          tags: Array.isArray(event.tags) ? event.tags : [],
          ...(typeof event.host === "string" ? { host: event.host } : {}),
          ...(typeof event.source_type_name === "string" ? { source_type_name: event.source_type_name } : {}),
          url: `/event/event?id=${id}`,
        },
      },
      202,
    );
  },
  injectUnknownEnum: (body) => setOnFirstItem([body.event], "alert_type", "critical"),
  dropRequiredField: (body) => deleteFromFirstItem([body.event], "id"),
};
