"use client";
// Every delivery of every cluster in one dense, virtualised, live table, with search, status chips,
// filters kept in the URL (and as the person's saved views), favourites, and keyboard navigation.
import { type DeliverySummary, deliveryId } from "@rollscope/shared";
import { useVirtualizer } from "@tanstack/react-virtual";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { deliveryHref } from "../../lib/delivery-href";
import { useFavourites } from "../../lib/use-favourites";
import { useLiveDeliveries } from "../../lib/use-live-deliveries";
import { ActionDialog } from "../actions/action-dialog";
import { ClusterNotices } from "./cluster-notices";
import { DeliveryRow } from "./delivery-row";
import styles from "./overview.module.css";
import {
  baseFilter,
  compareDeliveries,
  inView,
  type OverviewFilters,
  readFilters,
  type View,
  views,
  writeFilters,
} from "./overview-filters";
import { SavedViews } from "./saved-views";
import { ShortcutsHelp } from "./shortcuts-help";

const viewLabels: Record<View, string> = {
  all: "All",
  attention: "Needs attention",
  healthy: "Healthy",
  progressing: "Progressing",
  paused: "Paused",
  degraded: "Degraded",
  favourites: "★ Favourites",
};

export function Overview() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => readFilters(new URLSearchParams(params.toString())), [params]);
  const setFilters = useCallback(
    (patch: Partial<OverviewFilters>) =>
      router.replace(`${pathname}${writeFilters({ ...filters, ...patch })}`, { scroll: false }),
    [router, pathname, filters],
  );
  const live = useLiveDeliveries();
  const { favourites, toggle } = useFavourites();
  const [query, setQuery] = useState(filters.q);
  useEffect(() => setQuery(filters.q), [filters.q]);
  // Typing updates the URL shortly after the person pauses, so history is not flooded; never after
  // the person has navigated away (the late replace would bring them back).
  const leaving = useRef(false);
  useEffect(() => {
    if (query === filters.q) return;
    const id = setTimeout(() => {
      if (!leaving.current) setFilters({ q: query });
    }, 200);
    return () => clearTimeout(id);
  }, [query, filters.q, setFilters]);

  const base = useMemo(
    () => live.items.filter(baseFilter({ ...filters, q: query })),
    [live.items, filters, query],
  );
  const counts = useMemo(() => {
    const c = Object.fromEntries(views.map((v) => [v, 0])) as Record<View, number>;
    for (const d of base) for (const v of views) if (inView(d, v, favourites.has(deliveryId(d.ref)))) c[v]++;
    return c;
  }, [base, favourites]);
  const rows = useMemo(
    () =>
      base.filter((d) => inView(d, filters.view, favourites.has(deliveryId(d.ref)))).sort(compareDeliveries),
    [base, filters.view, favourites],
  );
  const namespaces = useMemo(() => [...new Set(live.items.map((d) => d.ref.namespace))].sort(), [live.items]);
  const clusterNames = useMemo(() => [...new Set(live.items.map((d) => d.ref.cluster))].sort(), [live.items]);

  const [selected, setSelected] = useState(0);
  const [promoting, setPromoting] = useState<DeliverySummary | undefined>();
  const [help, setHelp] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 12,
  });
  useEffect(() => {
    if (selected >= rows.length) setSelected(Math.max(0, rows.length - 1));
  }, [rows.length, selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing =
        target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA";
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "/" && !typing) {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === "Escape" && typing) {
        // Leave the box but keep the filter (a search input would otherwise clear itself).
        e.preventDefault();
        target.blur();
      } else if (typing) {
        return;
      } else if (e.key === "?") {
        setHelp((h) => !h);
      } else if (e.key === "j" || e.key === "ArrowDown") {
        e.preventDefault();
        setSelected((s) => {
          const next = Math.min(rows.length - 1, s + 1);
          virtualizer.scrollToIndex(next);
          return next;
        });
      } else if (e.key === "k" || e.key === "ArrowUp") {
        e.preventDefault();
        setSelected((s) => {
          const next = Math.max(0, s - 1);
          virtualizer.scrollToIndex(next);
          return next;
        });
      } else if (e.key === "Enter") {
        const d = rows[selected];
        if (d) {
          leaving.current = true;
          router.push(deliveryHref(d.ref));
        }
      } else if (e.key === "f") {
        const d = rows[selected];
        if (d) toggle(deliveryId(d.ref));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, router, toggle, virtualizer]);

  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <label className={styles.searchLabel}>
          <span className="visually-hidden">Search deliveries</span>
          <input
            ref={search}
            className={styles.search}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder='Search: name, label:value, "exact", !not   (press /)'
            aria-describedby="search-help"
          />
        </label>
        <span id="search-help" className="visually-hidden">
          Words match name, namespace or image; key:value matches a field or label; quotes match the exact
          name; ! negates.
        </span>
        <select
          aria-label="Controller"
          value={filters.controller}
          onChange={(e) => setFilters({ controller: e.target.value as OverviewFilters["controller"] })}
        >
          <option value="">All controllers</option>
          <option value="argo">Argo Rollouts</option>
          <option value="flagger">Flagger</option>
        </select>
        <select
          aria-label="Namespace"
          value={filters.namespace}
          onChange={(e) => setFilters({ namespace: e.target.value })}
        >
          <option value="">All namespaces</option>
          {namespaces.map((n) => (
            <option key={n} value={n}>
              {isolate(n)}
            </option>
          ))}
        </select>
        {clusterNames.length > 1 ? (
          <select
            aria-label="Cluster"
            value={filters.cluster}
            onChange={(e) => setFilters({ cluster: e.target.value })}
          >
            <option value="">All clusters</option>
            {clusterNames.map((n) => (
              <option key={n} value={n}>
                {isolate(n)}
              </option>
            ))}
          </select>
        ) : null}
        <SavedViews
          currentQuery={writeFilters({ ...filters, q: query })}
          onApply={(saved) => router.replace(`${pathname}${saved}`, { scroll: false })}
        />
        <button
          type="button"
          className={styles.helpButton}
          onClick={() => setHelp(true)}
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </div>
      <ClusterNotices />
      <nav className={styles.chips} aria-label="Status views">
        {views.map((v) => (
          <button
            type="button"
            key={v}
            aria-pressed={filters.view === v}
            className={`${styles.chip} ${filters.view === v ? styles.chipOn : ""} ${v === "attention" && counts.attention > 0 ? styles.chipAlert : ""}`}
            onClick={() => setFilters({ view: v })}
          >
            {viewLabels[v]} <span className={styles.count}>{counts[v]}</span>
          </button>
        ))}
        <span className={styles.liveState} role="status">
          {live.status === "live"
            ? "● Live"
            : live.status === "reconnecting"
              ? "◌ Reconnecting…"
              : live.status === "error"
                ? `✖ ${live.error ? isolate(live.error) : "Disconnected"}`
                : "◌ Connecting…"}
        </span>
      </nav>
      <div role="grid" aria-label="Deliveries" aria-rowcount={rows.length + 1} className={styles.grid}>
        <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.header}`}>
          <div role="columnheader">
            <span className="visually-hidden">Favourite</span>
          </div>
          <div role="columnheader">Status</div>
          <div role="columnheader">Name</div>
          <div role="columnheader">Namespace</div>
          <div role="columnheader">Controller</div>
          <div role="columnheader">Step</div>
          <div role="columnheader">Weight</div>
          <div role="columnheader">Analysis</div>
          <div role="columnheader" title="Images: stable → canary">
            Images
          </div>
          <div role="columnheader">Changed</div>
          <div role="columnheader">
            <span className="visually-hidden">Action</span>
          </div>
        </div>
        <div ref={scroller} className={styles.scroller}>
          {rows.length === 0 ? (
            <p className={styles.empty}>
              {live.status === "connecting"
                ? "Loading deliveries…"
                : live.items.length === 0
                  ? "No Argo Rollouts or Flagger canaries found in the connected clusters."
                  : "Nothing matches these filters."}
            </p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => {
                const d = rows[item.index] as DeliverySummary;
                const key = deliveryId(d.ref);
                return (
                  <div
                    key={key}
                    style={{
                      position: "absolute",
                      top: 0,
                      left: 0,
                      right: 0,
                      transform: `translateY(${item.start}px)`,
                    }}
                  >
                    <DeliveryRow
                      d={d}
                      index={item.index}
                      selected={item.index === selected}
                      favourite={favourites.has(key)}
                      onToggleFavourite={() => toggle(key)}
                      onPromote={() => setPromoting(d)}
                      onSelect={() => setSelected(item.index)}
                    />
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {promoting ? (
        <ActionDialog
          target={promoting.ref}
          observed={promoting.observed}
          action="promote"
          onClose={() => setPromoting(undefined)}
        />
      ) : null}
      {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
