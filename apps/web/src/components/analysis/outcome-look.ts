// How each measurement outcome looks: shape and colour together, and its word.
import type { Shape } from "../charts/symbols";
import type { Outcome } from "./measurement-rows-data";

export const outcomeLook: Record<Outcome, { shape: Shape; color: string; word: string }> = {
  Successful: { shape: "circle", color: "var(--ok)", word: "Successful" },
  Failed: { shape: "cross", color: "var(--bad)", word: "Failed" },
  Inconclusive: { shape: "triangle", color: "var(--warn)", word: "Inconclusive" },
  Error: { shape: "diamond", color: "var(--bad)", word: "Error" },
  Running: { shape: "ring", color: "var(--info)", word: "Running" },
  Unknown: { shape: "ring", color: "var(--muted)", word: "Unknown" },
};

export const outcomeOrder: Outcome[] = [
  "Successful",
  "Failed",
  "Inconclusive",
  "Error",
  "Running",
  "Unknown",
];
