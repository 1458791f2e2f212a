/**
 * A Datadog event per run (v1 EventsApi.createEvent): the run message as
 * title and text, `alert_type` info, warning (incomplete evidence or new
 * gaps) or error (failed run), tagged so a monitor or dashboard can find it.
 */
import type { NotifyTarget } from "./contract.js";
import { runMessage } from "./run-message.js";

/** Datadog's limits on an event's title and text. */
const TITLE_MAX = 100;
const TEXT_MAX = 4000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const datadogEventTarget: NotifyTarget = {
  id: "datadog-event",
  enabled: (settings) => settings.datadogEvent,
  async send(report, _settings, ctx) {
    const message = runMessage(report);
    const session = await ctx.session();
    const tags = ["source:ddproof", `job:${report.job.name}`, `kind:${report.job.kind}`, `status:${report.run.status}`];
    await session.call({ requests: 0, retries: 0 }, (configuration) =>
      new session.dd.v1.EventsApi(configuration).createEvent({
        body: {
          title: clip(message.title, TITLE_MAX),
          text: clip(message.lines.join("\n"), TEXT_MAX),
          alertType: message.alertType,
          tags,
          sourceTypeName: "ddproof",
          // Runs of one job group together in the event stream.
          aggregationKey: `ddproof-${report.job.name}`,
          dateHappened: Math.floor(Date.parse(report.run.finished_at) / 1000),
        },
      }),
    );
  },
};
