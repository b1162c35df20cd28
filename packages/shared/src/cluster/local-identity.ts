// (Servers only.) Who "the person at this machine" is for sources without cluster credentials (demo,
// snapshot): the operating system's user name, with no groups.
import { userInfo } from "node:os";
import type { ClusterIdentity } from "./cluster-source";

export function localOsIdentity(): ClusterIdentity {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // A uid with no passwd entry (common in containers) has no user name.
  }
  return { name: name || process.env.USER || `uid ${process.getuid?.() ?? "unknown"}`, groups: [] };
}
