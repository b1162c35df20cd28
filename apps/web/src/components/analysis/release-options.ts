// The analysis panel's release picker: "This release" (live), then every past revision the analysis
// record kept, newest first, each with its date and the verdict that best says how it went.
import type { RouterOutputs } from "../../lib/api-types";
import { formatDateTime } from "../charts/format";

export type RecordedReleaseData = RouterOutputs["analysisRecord"]["releases"][number];

/** The picker's value for the live release. */
export const liveRelease = "live";

export interface ReleaseOption {
  value: string;
  label: string;
  release?: RecordedReleaseData;
}

const decisive = new Set(["Failed", "Error", "Inconclusive"]);

/** The run that explains a release: a failing or inconclusive one, else the newest. */
export function releaseVerdict(release: RecordedReleaseData): string | undefined {
  return (release.runs.find((r) => decisive.has(r.phase)) ?? release.runs[0])?.verdict;
}

export const releaseKey = (release: Pick<RecordedReleaseData, "deliveryUid" | "revision">) =>
  `${release.deliveryUid}/${release.revision}`;

/** Options for the picker: the live release first, then the past ones (the current one is live already). */
export function releaseOptions(
  releases: readonly RecordedReleaseData[],
  currentUid: string | undefined,
): ReleaseOption[] {
  const past = releases
    .filter((r) => !r.current)
    .map((release): ReleaseOption => {
      const verdict = releaseVerdict(release);
      const earlier = currentUid !== undefined && release.deliveryUid !== currentUid;
      return {
        value: releaseKey(release),
        label: [
          `Revision ${release.revision}`,
          formatDateTime(release.from),
          ...(earlier ? ["an earlier object with this name"] : []),
          ...(verdict ? [verdict] : []),
        ].join(" · "),
        release,
      };
    });
  return [{ value: liveRelease, label: "This release (live)" }, ...past];
}
