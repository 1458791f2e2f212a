/** populations/agents.csv: every host the agents collector saw, by host name. */
import type { AgentHost, Snapshot } from "../../../snapshot/schema.js";
import { compareText } from "../../id-order.js";
import type { Column } from "../write-csv.js";

export const AGENT_COLUMNS: readonly Column<AgentHost>[] = [
  { header: "hostname", cell: (host) => host.hostname },
  { header: "agent_version", cell: (host) => host.agent_version },
  { header: "has_security_agent", cell: (host) => host.has_security_agent },
  { header: "cws_enabled", cell: (host) => host.cws_enabled },
  { header: "cspm_enabled", cell: (host) => host.cspm_enabled },
  { header: "last_reported_at", cell: (host) => host.last_reported_at },
];

export function agentRows(snapshot: Snapshot): AgentHost[] | null {
  const part = snapshot.collectors.agents;
  if (part.status !== "ok") return null;
  return [...part.data.hosts].sort((a, b) => compareText(a.hostname, b.hostname));
}
