// Go's `strconv.Atoi` on a 64-bit build, the way the plugin reads numbers written as text
// (status.observedGeneration, the rollout.argoproj.io/revision annotation).

/** The whole text as a signed decimal within int64, or undefined where Atoi returns an error. */
export function goAtoi(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? value : undefined;
}
