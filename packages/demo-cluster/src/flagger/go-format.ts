// Go's fmt renderings that show up in Flagger's event texts, so the demo's messages read exactly like
// the controller's: `%v` of a float64, `%.2f`, and time.Duration's String().

/** `%v` of a float64: shortest round-trip form, Go's exponent style for very large/small values. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [mantissa, exponent = "0"] = value.toExponential().split("e");
    const exp = Number(exponent);
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(value);
}

/** `%.2f`. */
export function goFixed2(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  return value.toFixed(2);
}

function trimFraction(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** time.Duration(ms * time.Millisecond).String(): "0s", "612ms", "1.5s", "1m0s", "1h2m3.5s". */
export function goDurationMs(ms: number): string {
  const whole = Math.trunc(ms);
  if (whole === 0) return "0s";
  const sign = whole < 0 ? "-" : "";
  const abs = Math.abs(whole);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = trimFraction(((abs % 60_000) / 1000).toFixed(3));
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
