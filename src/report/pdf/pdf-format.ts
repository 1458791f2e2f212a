/**
 * A PDF report format: a pure document builder (evidence-pack.ts,
 * gap-report.ts, attack-heatmap.ts) rendered by render-pdf.ts into one file.
 * The formats themselves are declared in ../formats/pdf-*.ts.
 */
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportFormat, ReportInput, ReportKind } from "../contract.js";
import { renderPdf } from "./render-pdf.js";

export function pdfFormat(
  id: string,
  kind: ReportKind,
  path: string,
  description: string,
  build: (input: ReportInput) => TDocumentDefinitions,
): ReportFormat {
  return {
    id,
    kinds: [kind],
    description,
    async render(input) {
      return [{ path, bytes: await renderPdf(build(input)) }];
    },
  };
}
