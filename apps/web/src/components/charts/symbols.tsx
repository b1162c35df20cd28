// Shapes that carry meaning next to colour (never colour alone): drawn inside charts and repeated in
// legends and tables, so a person matches them without telling colours apart. No Recharts here.
import type { ReactNode } from "react";

export type Shape =
  | "circle"
  | "ring"
  | "square"
  | "triangle"
  | "diamond"
  | "cross"
  | "plus"
  | "star"
  | "pause"
  | "play";

/** How one kind of point looks: its symbol and colour, and the word said beside it. */
export interface SymbolLook {
  shape: Shape;
  color: string;
  word: string;
}

function starPath(r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    points.push(`${(radius * Math.cos(angle)).toFixed(2)},${(radius * Math.sin(angle)).toFixed(2)}`);
  }
  return `M${points.join("L")}Z`;
}

/** One symbol centred on (0, 0) with radius `r`; wrap it in a translated <g> to place it. */
export function ShapePath({ shape, r = 5, color }: { shape: Shape; r?: number; color: string }) {
  const stroke = { stroke: color, strokeWidth: 2, fill: "none", strokeLinecap: "round" as const };
  switch (shape) {
    case "circle":
      return <circle r={r} fill={color} />;
    case "ring":
      return <circle r={r - 1} {...stroke} />;
    case "square":
      return <rect x={-r * 0.85} y={-r * 0.85} width={r * 1.7} height={r * 1.7} fill={color} />;
    case "triangle":
      return <path d={`M0,${-r}L${r},${r * 0.8}L${-r},${r * 0.8}Z`} fill={color} />;
    case "diamond":
      return <path d={`M0,${-r}L${r},0L0,${r}L${-r},0Z`} fill={color} />;
    case "cross": {
      const a = r * 0.8;
      return <path d={`M${-a},${-a}L${a},${a}M${a},${-a}L${-a},${a}`} {...stroke} strokeWidth={2.5} />;
    }
    case "plus":
      return <path d={`M0,${-r}V${r}M${-r},0H${r}`} {...stroke} strokeWidth={2.5} />;
    case "star":
      return <path d={starPath(r * 1.2)} fill={color} />;
    case "pause":
      return (
        <path
          d={`M${-r * 0.8},${-r}h${r * 0.6}v${2 * r}h${-r * 0.6}ZM${r * 0.2},${-r}h${r * 0.6}v${2 * r}h${-r * 0.6}Z`}
          fill={color}
        />
      );
    case "play":
      return <path d={`M${-r * 0.7},${-r}L${r},0L${-r * 0.7},${r}Z`} fill={color} />;
  }
}

/** A small inline picture beside the word it stands for: hidden from screen readers, never focused. */
function LegendSvg({
  width,
  height,
  viewBox,
  children,
}: {
  width: number;
  height: number;
  viewBox: string;
  children: ReactNode;
}) {
  return (
    <svg width={width} height={height} viewBox={viewBox} aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/** The symbol as a small inline icon for legends and tables (decorative: the word is beside it). */
export function SymbolIcon({ shape, color, size = 12 }: { shape: Shape; color: string; size?: number }) {
  return (
    <LegendSvg width={size} height={size} viewBox="-7 -7 14 14">
      <ShapePath shape={shape} color={color} />
    </LegendSvg>
  );
}

/** A line sample for legends: solid or dashed, optionally with a dot. */
export function LineIcon({ color, dashed, dot }: { color: string; dashed?: boolean; dot?: boolean }) {
  return (
    <LegendSvg width={22} height={12} viewBox="0 0 22 12">
      <line
        x1={1}
        y1={6}
        x2={21}
        y2={6}
        stroke={color}
        strokeWidth={2}
        strokeDasharray={dashed ? "4 3" : undefined}
      />
      {dot ? <circle cx={11} cy={6} r={2.5} fill={color} /> : null}
    </LegendSvg>
  );
}

/** A shaded region sample for legends (threshold bands). */
export function BandIcon({ color }: { color: string }) {
  return (
    <LegendSvg width={14} height={12} viewBox="0 0 14 12">
      <rect
        x={1}
        y={1}
        width={12}
        height={10}
        fill={color}
        fillOpacity={0.18}
        stroke={color}
        strokeOpacity={0.5}
      />
    </LegendSvg>
  );
}
