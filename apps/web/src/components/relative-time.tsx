"use client";
// "3m ago" that keeps itself current; the absolute time on hover.
import { useEffect, useState } from "react";
import { formatDateTime } from "./charts/format";

export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function RelativeTime({ iso }: { iso: string | undefined }) {
  const now = useNow(5_000);
  if (!iso) return <span>—</span>;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return <span>—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(t)} suppressHydrationWarning>
      {formatAgo(now - t)}
    </time>
  );
}
