// The revisions an Argo "Roll back" can go to: every numbered revision except the current one, newest
// first. The current revision is the highest number (the controller renumbers a revision it rolls
// back to), whatever its role: canary or stable mid-update, preview for blue-green, stable at rest.
import type { Revision } from "./revision";

export function rollbackChoices(revisions: Revision[]): Revision[] {
  const numbered = revisions.filter((r): r is Revision & { revision: number } => r.revision !== undefined);
  const current = Math.max(...numbered.map((r) => r.revision));
  return numbered.filter((r) => r.revision !== current).sort((a, b) => b.revision - a.revision);
}
