// How each kind of weight-history marker looks: a shape and a colour, and the word for the legend.
import type { HistoryMarkerKind } from "./api-types";
import type { SymbolLook } from "./symbols";

export const markerLook: Record<HistoryMarkerKind, SymbolLook> = {
  revision: { shape: "square", color: "var(--info)", word: "New revision" },
  step: { shape: "circle", color: "var(--muted)", word: "Step" },
  pause: { shape: "pause", color: "var(--warn)", word: "Pause" },
  resume: { shape: "play", color: "var(--ok)", word: "Resume" },
  analysis: { shape: "diamond", color: "var(--info)", word: "Analysis run" },
  abort: { shape: "cross", color: "var(--bad)", word: "Abort" },
  promotion: { shape: "triangle", color: "var(--ok)", word: "Promotion" },
  action: { shape: "star", color: "var(--accent)", word: "Person's action" },
};

/** Legend order: what a person looks for first. */
export const markerOrder: HistoryMarkerKind[] = [
  "revision",
  "analysis",
  "pause",
  "resume",
  "action",
  "promotion",
  "abort",
  "step",
];
