"use client";
// Favourite deliveries, keyed by cluster/kind/namespace/name, kept in this browser.
import { useCallback, useEffect, useState } from "react";

const storageKey = "rollscope-favourites";

export function useFavourites() {
  const [favourites, setFavourites] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    try {
      setFavourites(new Set(JSON.parse(localStorage.getItem(storageKey) ?? "[]") as string[]));
    } catch {
      setFavourites(new Set());
    }
  }, []);
  const toggle = useCallback((key: string) => {
    setFavourites((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      localStorage.setItem(storageKey, JSON.stringify([...next]));
      return next;
    });
  }, []);
  return { favourites, toggle };
}
