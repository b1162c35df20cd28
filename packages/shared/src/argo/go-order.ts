// Orderings as the plugin's Go code sees them: strings compare byte by byte (UTF-8), and times are
// instants read from RFC 3339 text with nanoseconds, so `10:00:00Z` and `11:00:00+01:00` are equal.

/** Go's `a < b` on strings: UTF-8 byte order, which is code point order (not UTF-16 unit order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const l = left.next();
    const r = right.next();
    if (l.done || r.done) return l.done ? (r.done ? 0 : -1) : 1;
    const diff = (l.value.codePointAt(0) ?? 0) - (r.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}

const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Nanoseconds since the epoch of an RFC 3339 time as `time.Parse(time.RFC3339, …)` reads it
 * (metav1.Time's JSON form), or undefined when Go would reject the text. Go also takes a one-digit
 * hour, a comma before the fraction and more than nine fraction digits (cut to nanoseconds).
 */
export function goTimeNanos(text: string): bigint | undefined {
  const m = rfc3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  // Go's parser takes offsets up to +24:60 (its range checks are `> 24` and `> 60`).
  if (offsetHours > 24 || offsetMinutes > 60) return undefined;
  const offsetSign = m[8] === "-" ? -1 : 1;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const seconds =
    BigInt(utc.getTime() / 1000) - BigInt(offsetSign * (offsetHours * 3600 + offsetMinutes * 60));
  const nanos = BigInt((m[7] ?? "").slice(0, 9).padEnd(9, "0"));
  return seconds * 1_000_000_000n + nanos;
}

/** metav1.Time ordering of two optional timestamps: absent (Go's zero time) comes first. */
export function compareGoTimes(a: string | null | undefined, b: string | null | undefined): number {
  const zero = -62135596800n * 1_000_000_000n; // 0001-01-01T00:00:00Z
  const left = a ? (goTimeNanos(a) ?? zero) : zero;
  const right = b ? (goTimeNanos(b) ?? zero) : zero;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `t1.Equal(t2)` for two RFC 3339 texts; texts Go cannot read compare as text. */
export function sameGoInstant(a: string, b: string): boolean {
  const left = goTimeNanos(a);
  const right = goTimeNanos(b);
  return left !== undefined && right !== undefined ? left === right : a === b;
}
