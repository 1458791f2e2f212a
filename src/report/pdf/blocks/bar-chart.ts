/**
 * A horizontal stacked bar drawn with canvas vectors: one rectangle per
 * segment, with a white gap between segments so neighbours stay apart in
 * greyscale. Counts and labels are printed beside it by the caller; the
 * bar never carries meaning by colour alone.
 */
import type { CanvasElement, ContentCanvas } from "pdfmake/interfaces.js";

export interface BarSegment {
  value: number;
  fill: string;
}

const GAP = 0.8;

export function stackedBar(segments: readonly BarSegment[], width: number, height: number): ContentCanvas {
  const total = segments.reduce((sum, segment) => sum + segment.value, 0);
  const shapes: CanvasElement[] = [
    { type: "rect", x: 0, y: 0, w: width, h: height, lineColor: "#888888", lineWidth: 0.5 },
  ];
  let x = 0;
  for (const segment of segments) {
    if (segment.value <= 0 || total === 0) continue;
    const w = (segment.value / total) * width;
    shapes.push({ type: "rect", x, y: 0, w: Math.max(w - GAP, 0.5), h: height, color: segment.fill });
    x += w;
  }
  return { canvas: shapes };
}

/** A small square swatch for legends. */
export function swatchSquare(fill: string, size = 8): ContentCanvas {
  return {
    canvas: [{ type: "rect", x: 0, y: 1, w: size, h: size, color: fill, lineColor: "#666666", lineWidth: 0.4 }],
  };
}
