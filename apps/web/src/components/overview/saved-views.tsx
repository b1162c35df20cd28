"use client";
// "Saved views" in the overview's filter bar: the person's named filters (kept by the API, so every
// browser has them). Save the current filters under a name, apply one, delete one.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { type SavedView, usePersonSettings } from "../../lib/use-person-settings";
import styles from "./saved-views.module.css";

const maxViews = 50;
const maxNameLength = 80;

export function SavedViews({
  currentQuery,
  onApply,
}: {
  currentQuery: string;
  onApply(query: string): void;
}) {
  const { settings, change } = usePersonSettings();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const views = settings?.savedFilters ?? [];

  // Closes on a click elsewhere or Escape, like a menu.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const changeViews = (next: (views: SavedView[]) => SavedView[]) =>
    void change((now) => ({ savedFilters: next(now.savedFilters) }));
  const trimmed = name.trim();
  const replacing = views.some((v) => v.name === trimmed);
  const full = views.length >= maxViews && !replacing;
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || full) return;
    // The same name again replaces that view's filters, where it is in the list.
    changeViews((list) =>
      list.some((v) => v.name === trimmed)
        ? list.map((v) => (v.name === trimmed ? { name: trimmed, query: currentQuery } : v))
        : [...list, { name: trimmed, query: currentQuery }],
    );
    setName("");
  };

  return (
    <div className={styles.root} ref={root}>
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Saved views{views.length > 0 ? <span className={styles.count}>{views.length}</span> : null}{" "}
        <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div id={panelId} className={styles.panel} role="region" aria-label="Saved views">
          {views.length === 0 ? (
            <p className={styles.empty}>No saved views yet: set filters, then save them here.</p>
          ) : (
            <ul className={styles.list}>
              {views.map((v) => (
                <li key={v.name} className={styles.item}>
                  <button
                    type="button"
                    className={`${styles.apply} ${v.query === currentQuery ? styles.active : ""}`}
                    aria-current={v.query === currentQuery ? "true" : undefined}
                    title={v.query ? decodeQuery(v.query) : "No filters"}
                    onClick={() => {
                      onApply(v.query);
                      setOpen(false);
                    }}
                  >
                    {isolate(v.name)}
                  </button>
                  <button
                    type="button"
                    className={styles.remove}
                    aria-label={`Delete saved view ${v.name}`}
                    title="Delete"
                    onClick={() => changeViews((list) => list.filter((x) => x.name !== v.name))}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className={styles.form} onSubmit={save}>
            <input
              className={styles.name}
              value={name}
              maxLength={maxNameLength}
              onChange={(e) => setName(e.target.value)}
              placeholder="Name for the current filters"
              aria-label="Name for the current filters"
            />
            <button type="submit" className={styles.save} disabled={!trimmed || full || !settings}>
              {replacing ? "Replace" : "Save"}
            </button>
          </form>
          {full ? (
            <p className={styles.note}>{maxViews} views is the most: delete one to save another.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** "?view=paused&ns=shop" as "view=paused, ns=shop", for the tooltip. */
function decodeQuery(query: string): string {
  return [...new URLSearchParams(query).entries()].map(([k, v]) => `${k}=${v}`).join(", ");
}
