// Status as colour, icon and word together: never colour alone.
import type { UnifiedPhase } from "@rollscope/shared";
import { isolate } from "../../lib/bidi-isolate";
import { ClusterText } from "../cluster-text";
import styles from "./status-badge.module.css";

const look: Record<UnifiedPhase, { icon: string; tone: string; label: string }> = {
  healthy: { icon: "✔", tone: styles.ok ?? "", label: "Healthy" },
  progressing: { icon: "◌", tone: styles.info ?? "", label: "Progressing" },
  paused: { icon: "‖", tone: styles.warn ?? "", label: "Paused" },
  degraded: { icon: "✖", tone: styles.bad ?? "", label: "Degraded" },
  terminated: { icon: "■", tone: styles.idle ?? "", label: "Terminated" },
  unknown: { icon: "?", tone: styles.idle ?? "", label: "Unknown" },
};

export function StatusBadge({
  phase,
  rawPhase,
  waiting,
}: {
  phase: UnifiedPhase;
  rawPhase: string;
  waiting?: boolean;
}) {
  const l = look[phase];
  const detail = rawPhase && rawPhase.toLowerCase() !== l.label.toLowerCase() ? rawPhase : undefined;
  return (
    <span
      className={styles.wrap}
      title={`${l.label}${waiting ? ": waiting for a person" : ""}${detail ? ` (${isolate(detail)})` : ""}`}
    >
      <span className={`${styles.badge} ${l.tone}`}>
        <span aria-hidden="true">{l.icon}</span> {waiting ? "Waiting" : l.label}
      </span>
      {detail && !waiting ? (
        <span className={styles.detail}>
          <ClusterText>{detail}</ClusterText>
        </span>
      ) : null}
    </span>
  );
}
