// An analysis run's or metric's phase as icon, colour and word together.
import { ClusterText } from "../cluster-text";
import styles from "../delivery/status-badge.module.css";

const looks: Record<string, { icon: string; tone: string }> = {
  Successful: { icon: "✔", tone: "ok" },
  Failed: { icon: "✖", tone: "bad" },
  Error: { icon: "⚠", tone: "bad" },
  Inconclusive: { icon: "?", tone: "warn" },
  Running: { icon: "◌", tone: "info" },
  Pending: { icon: "…", tone: "idle" },
};

export function PhaseBadge({ phase }: { phase: string }) {
  const look = looks[phase] ?? { icon: "•", tone: "idle" };
  return (
    <span className={`${styles.badge} ${styles[look.tone] ?? ""}`}>
      <span aria-hidden="true">{look.icon}</span>{" "}
      {phase ? <ClusterText>{phase}</ClusterText> : "no status yet"}
    </span>
  );
}

/** Inconclusive: the controller waits for a person; promote accepts the result and continues. */
export function AwaitingPersonBadge() {
  return (
    <span className={`${styles.badge} ${styles.warn}`}>
      <span aria-hidden="true">✋</span> Awaiting a person
    </span>
  );
}
