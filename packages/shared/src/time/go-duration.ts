// Durations as Kubernetes controllers write them: Go's time.ParseDuration syntax ("30s", "1m30s",
// "1.5h", "500ms") or, for Argo pause steps, a bare integer of seconds.
const unitSeconds: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

const partPattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Seconds in a Go duration string or integer-seconds value; undefined when it cannot be read. */
export function parseGoDuration(input: string | number | null | undefined): number | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === "0") return 0;
  let sign = 1;
  let pos = 0;
  if (text[0] === "-" || text[0] === "+") {
    sign = text[0] === "-" ? -1 : 1;
    pos = 1;
  }
  let total = 0;
  let parts = 0;
  while (pos < text.length) {
    partPattern.lastIndex = pos;
    const match = partPattern.exec(text);
    if (!match) return undefined;
    const [whole, amount, unit] = match;
    total += Number(amount) * (unitSeconds[unit as string] ?? Number.NaN);
    pos += whole.length;
    parts++;
  }
  if (parts === 0 || Number.isNaN(total)) return undefined;
  return sign * total;
}

/**
 * Short human form in the two largest units, whole seconds: 45s, 2m, 1m30s, 1h5m. `separator` goes
 * between the two units: " " for prose ("1m 30s").
 */
export function formatSeconds(seconds: number, { separator = "" }: { separator?: string } = {}): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return m > 0 ? `${h}h${separator}${m}m` : `${h}h`;
  if (m > 0) return rest > 0 ? `${m}m${separator}${rest}s` : `${m}m`;
  return `${rest}s`;
}
