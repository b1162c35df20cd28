import { describe, expect, it } from "vitest";
import { flaggerCanary } from "../testing/builders";
import { canaryRunWindow } from "./run-window";

const now = Date.parse("2026-11-22T12:00:00Z");
const hour = 3_600_000;
const promoted = (status: string, reason: string, lastTransitionTime: string) =>
  flaggerCanary({
    spec: { analysis: { interval: "30s" } },
    status: { conditions: [{ type: "Promoted", status, reason, lastTransitionTime, message: "" }] },
  });

describe("the span of a Canary's latest run", () => {
  it("in a run: from one check before the run started until now, however long ago it started", () => {
    const started = "2026-11-22T09:30:00Z"; // 2.5 h ago: longer than the default hour
    const w = canaryRunWindow(promoted("Unknown", "Progressing", started), now);
    expect(w).toEqual({ startMs: Date.parse(started) - 30_000, endMs: now, fromRunStart: true });
  });

  it("after a run: the hour before it ended and one check after, not the hour before now", () => {
    const ended = "2026-11-21T18:00:00Z";
    const w = canaryRunWindow(promoted("True", "Succeeded", ended), now);
    expect(w).toEqual({
      startMs: Date.parse(ended) - hour,
      endMs: Date.parse(ended) + 30_000,
      fromRunStart: false,
    });
    expect(canaryRunWindow(promoted("False", "Failed", ended), now).endMs).toBe(Date.parse(ended) + 30_000);
  });

  it("a canary that never ran, or has no readable condition, gets the last hour", () => {
    const lastHour = { startMs: now - hour, endMs: now, fromRunStart: false };
    expect(canaryRunWindow(promoted("True", "Initialized", "2026-10-01T00:00:00Z"), now)).toEqual(lastHour);
    expect(canaryRunWindow(flaggerCanary({ status: { conditions: [] } }), now)).toEqual(lastHour);
    expect(canaryRunWindow(promoted("Unknown", "Progressing", "2026-11-23T00:00:00Z"), now)).toEqual(
      lastHour,
    );
  });

  it("a run that started over a week ago is drawn for its last week", () => {
    const w = canaryRunWindow(promoted("Unknown", "Progressing", "2026-11-01T00:00:00Z"), now);
    expect(w.startMs).toBe(now - 7 * 24 * hour);
  });
});
