// How each measurement outcome looks: shape and colour together, and its word.
import type { MeasurementOutcome } from "@rollscope/shared/analysis/measurement-rows";
import type { SymbolLook } from "../charts/symbols";

export const outcomeLook: Record<MeasurementOutcome, SymbolLook> = {
  Successful: { shape: "circle", color: "var(--ok)", word: "Successful" },
  Failed: { shape: "cross", color: "var(--bad)", word: "Failed" },
  Inconclusive: { shape: "triangle", color: "var(--warn)", word: "Inconclusive" },
  Error: { shape: "diamond", color: "var(--bad)", word: "Error" },
  Running: { shape: "ring", color: "var(--info)", word: "Running" },
  Unknown: { shape: "ring", color: "var(--muted)", word: "Unknown" },
};

export const outcomeOrder: MeasurementOutcome[] = [
  "Successful",
  "Failed",
  "Inconclusive",
  "Error",
  "Running",
  "Unknown",
];
