// How each kind of weight-history marker looks: a shape and a colour, and the word for the legend.
import type { HistoryMarkerKind } from "./api-types";
import type { Shape } from "./symbols";

export const markerLook: Record<HistoryMarkerKind, { shape: Shape; color: string; name: string }> = {
  revision: { shape: "square", color: "var(--info)", name: "New revision" },
  step: { shape: "circle", color: "var(--muted)", name: "Step" },
  pause: { shape: "pause", color: "var(--warn)", name: "Pause" },
  resume: { shape: "play", color: "var(--ok)", name: "Resume" },
  analysis: { shape: "diamond", color: "var(--info)", name: "Analysis run" },
  abort: { shape: "cross", color: "var(--bad)", name: "Abort" },
  promotion: { shape: "triangle", color: "var(--ok)", name: "Promotion" },
  action: { shape: "star", color: "var(--accent)", name: "Person's action" },
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
