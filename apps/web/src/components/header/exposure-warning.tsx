"use client";
// Says, for as long as it runs, that this Rollscope is reachable beyond this machine without sign-in.
import { useSession } from "../session/session-api";
import styles from "./cluster-banner.module.css";

export function ExposureWarning() {
  const warnings = useSession().data?.exposure ?? [];
  if (warnings.length === 0) return null;
  return (
    <span role="alert" className={`${styles.pill} ${styles.bad}`} title={warnings.join("\n")}>
      ⚠ {warnings[0]}
    </span>
  );
}
