// Canary weight: the set (desired) weight as a bar, the actual weight as a marker, both as numbers.
import styles from "./weight-bar.module.css";

export function WeightBar({
  setWeight,
  actualWeight,
  maxWeight,
}: {
  setWeight: number;
  actualWeight: number;
  maxWeight: number;
}) {
  const clamp = (n: number) => Math.max(0, Math.min(100, n));
  const label =
    setWeight === actualWeight
      ? `Canary weight ${setWeight}%`
      : `Canary weight set to ${setWeight}%, actual ${actualWeight}%`;
  return (
    <div className={styles.wrap} title={`${label} (max ${maxWeight}%)`}>
      <div className={styles.track} aria-hidden="true">
        <div className={styles.set} style={{ width: `${clamp(setWeight)}%` }} />
        <div className={styles.actual} style={{ left: `${clamp(actualWeight)}%` }} />
        {maxWeight < 100 ? <div className={styles.max} style={{ left: `${clamp(maxWeight)}%` }} /> : null}
      </div>
      <span className="visually-hidden">{label}</span>
      <span className={styles.numbers} aria-hidden="true">
        {setWeight}%
        {setWeight !== actualWeight ? <span className={styles.actualText}> ({actualWeight}%)</span> : null}
      </span>
    </div>
  );
}
