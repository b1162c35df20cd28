"use client";
// Favourite deliveries, keyed by cluster/kind/namespace/name (deliveryId), kept per person by the API.
import { useCallback, useMemo } from "react";
import { usePersonSettings } from "./use-person-settings";

export function useFavourites() {
  const { settings, change } = usePersonSettings();
  const list = settings?.favourites;
  const favourites = useMemo(() => new Set(list ?? []), [list]);
  const toggle = useCallback(
    (key: string) =>
      void change(({ favourites: now }) => ({
        favourites: now.includes(key) ? now.filter((id) => id !== key) : [...now, key],
      })),
    [change],
  );
  return { favourites, toggle };
}
