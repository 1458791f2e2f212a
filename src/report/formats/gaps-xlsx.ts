/** gaps.xlsx: gaps.csv as an Excel workbook with a cover, typed cells and filters, for triage in a spreadsheet. */
import type { ReportFormat } from "../contract.js";
import { gapsWorkbook } from "../xlsx/gaps-workbook.js";

export const GAPS_XLSX = "gaps.xlsx";

export const format: ReportFormat = {
  id: "gaps-xlsx",
  kinds: ["gap"],
  description: "gaps.xlsx: the gap list as an Excel workbook with typed cells and filters, for triage",
  async render(input) {
    return [{ path: GAPS_XLSX, bytes: await gapsWorkbook(input) }];
  },
};
