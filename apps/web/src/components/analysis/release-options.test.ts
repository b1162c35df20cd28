import { describe, expect, it } from "vitest";
import { formatDateTime } from "../charts/format";
import { type RecordedReleaseData, releaseOptions, releaseVerdict } from "./release-options";

const run = (name: string, phase: string, verdict: string) => ({
  recordId: `uid-${name}`,
  name,
  kind: "AnalysisRun" as const,
  phase,
  verdict,
  live: false,
});

const releases: RecordedReleaseData[] = [
  {
    revision: "6f8d9c7b5",
    deliveryUid: "uid-myapp",
    from: Date.UTC(2026, 2, 2, 9),
    to: Date.UTC(2026, 2, 2, 10),
    current: true,
    live: true,
    runs: [run("myapp-6f8d9c7b5-3", "Running", "running: 2 measurements, 0 failures so far")],
  },
  {
    revision: "5c6f7d8e9",
    deliveryUid: "uid-myapp",
    from: Date.UTC(2026, 2, 1, 12),
    to: Date.UTC(2026, 2, 1, 12, 2),
    current: false,
    live: false,
    runs: [
      run("myapp-5c6f7d8e9-2-1", "Successful", "the metric passed (4 measurements): successful"),
      run(
        "myapp-5c6f7d8e9-2",
        "Failed",
        "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted",
      ),
    ],
  },
  {
    revision: "4b5e6c7d8",
    deliveryUid: "uid-myapp-before",
    from: Date.UTC(2026, 1, 20, 8),
    to: Date.UTC(2026, 1, 20, 8, 5),
    current: false,
    live: false,
    runs: [run("myapp-4b5e6c7d8-1", "Successful", "all 2 metrics passed (8 measurements): successful")],
  },
];

describe("releaseOptions", () => {
  it("offers the live release, then past revisions with date and verdict; the current one only once", () => {
    const options = releaseOptions(releases, "uid-myapp");
    expect(options.map((o) => o.value)).toEqual([
      "live",
      "uid-myapp/5c6f7d8e9",
      "uid-myapp-before/4b5e6c7d8",
    ]);
    expect(options[1]?.label).toBe(
      `Revision 5c6f7d8e9 · ${formatDateTime(Date.UTC(2026, 2, 1, 12))} · success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted`,
    );
    expect(options[2]?.label).toContain("an earlier object with this name");
  });

  it("explains a release by its failing run, else its newest", () => {
    expect(releaseVerdict(releases[1] as RecordedReleaseData)).toContain(": aborted");
    expect(releaseVerdict(releases[2] as RecordedReleaseData)).toBe(
      "all 2 metrics passed (8 measurements): successful",
    );
  });
});
