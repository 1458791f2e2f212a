/** report.html: one self-contained, interactive file in every pack (see README.md). */
import type { ReportFormat } from "../contract.js";
import { renderHtmlReport } from "../html/page.js";

export const HTML_REPORT_FILE = "report.html";

export const format: ReportFormat = {
  id: "html-report",
  kinds: ["gap", "evidence", "attack"],
  description:
    "report.html: the ATT&CK matrix, framework controls, gaps and changes in one offline file for a review around a screen",
  async render(input) {
    return [{ path: HTML_REPORT_FILE, text: await renderHtmlReport(input) }];
  },
};
