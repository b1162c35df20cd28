// The one-line verdict that ends every run, live or recorded (see @rollscope/shared analysisVerdict).
import { ClusterText } from "../cluster-text";
import styles from "./analysis.module.css";

const tones: Record<string, string> = {
  Successful: "ok",
  Succeeded: "ok",
  Failed: "bad",
  Error: "bad",
  Inconclusive: "warn",
  Running: "info",
  Progressing: "info",
};

export function VerdictLine({ text, phase }: { text: string; phase: string }) {
  const tone = tones[phase] ?? "idle";
  return (
    <p className={`${styles.verdict} ${styles[`verdict-${tone}`] ?? ""}`}>
      <span className={styles.verdictLabel}>Verdict</span> <ClusterText>{text}</ClusterText>
    </p>
  );
}
