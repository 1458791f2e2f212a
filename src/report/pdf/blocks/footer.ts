/** The footer of every page: who and when on the left, "page X of Y" on the right. */
import type { DynamicContent } from "pdfmake/interfaces.js";

export function pageFooter(left: string, margin: number): DynamicContent {
  return (currentPage, pageCount) => ({
    columns: [
      { text: left, width: "*" },
      { text: `page ${currentPage} of ${pageCount}`, width: "auto", alignment: "right" },
    ],
    margin: [margin, 14, margin, 0],
    fontSize: 7,
    color: "#555555",
  });
}
