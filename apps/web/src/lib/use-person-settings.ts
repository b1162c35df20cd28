"use client";
// The signed-in person's settings (favourites, theme, saved views), kept by the API so every browser
// shows the same. Changes show at once and are put back if the API refuses them.
import type { AppRouter } from "@rollscope/api/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useCallback, useEffect, useMemo } from "react";
import { useToast } from "../components/toasts";
import { isolate } from "./bidi-isolate";
import { useTRPC } from "./trpc";

export type PersonSettingsData = inferRouterOutputs<AppRouter>["settings"]["get"];
export type SettingsPatch = inferRouterInputs<AppRouter>["settings"]["update"];
export type SavedView = PersonSettingsData["savedFilters"][number];
export type ThemeSetting = PersonSettingsData["theme"];

/** Where favourites were kept before the API kept them (moved once, then removed). */
export const legacyFavouritesKey = "rollscope-favourites";
/** The theme for the first paint, before the API answers (layout.tsx reads it); the API's value wins. */
export const themeCacheKey = "rollscope-theme";

export function usePersonSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const queryKey = useMemo(() => trpc.settings.get.queryKey(), [trpc]);
  const query = useQuery({ ...trpc.settings.get.queryOptions(), staleTime: 60_000 });
  const mutation = useMutation(
    trpc.settings.update.mutationOptions({
      onMutate: async (patch) => {
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData(queryKey);
        if (previous) queryClient.setQueryData(queryKey, withPatch(previous, patch));
        return { previous };
      },
      onError: (error, _patch, context) => {
        if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
        toast("bad", isolate(error.message));
      },
      onSettled: () => {
        // Only once the last change is answered: an earlier answer would briefly undo a later change.
        if (queryClient.isMutating({ mutationKey: trpc.settings.update.mutationKey() }) <= 1)
          void queryClient.invalidateQueries({ queryKey });
      },
    }),
  );
  const { mutate } = mutation;
  /**
   * A change computed from the settings as they are now (changes not yet answered included, so quick
   * successive changes build on each other), loading them first if the page has not yet.
   */
  const change = useCallback(
    async (recipe: (now: PersonSettingsData) => SettingsPatch) => {
      let now = queryClient.getQueryData(queryKey);
      if (!now) {
        try {
          now = await queryClient.ensureQueryData(trpc.settings.get.queryOptions());
        } catch (error) {
          toast("bad", `Settings could not be loaded: ${isolate((error as Error).message)}`);
          return;
        }
      }
      mutate(recipe(now));
    },
    [queryClient, queryKey, trpc, mutate, toast],
  );
  const update = useCallback(
    (patch: SettingsPatch, onSaved?: () => void) => mutate(patch, onSaved ? { onSuccess: onSaved } : {}),
    [mutate],
  );
  useMoveLocalSettings(query.data, update);
  return { settings: query.data, error: query.error, change, update };
}

function withPatch(settings: PersonSettingsData, patch: SettingsPatch): PersonSettingsData {
  const changed = Object.keys(patch) as PersonSettingsData["chosen"];
  return {
    ...settings,
    ...patch,
    chosen: [...new Set([...settings.chosen, ...changed])],
  } as PersonSettingsData;
}

let moved = false;

/**
 * Once: favourites and the theme this browser kept before the API kept them are uploaded if the
 * person has not set them on the server yet; the old favourites are then removed from this browser.
 */
function useMoveLocalSettings(
  settings: PersonSettingsData | undefined,
  update: (patch: SettingsPatch, onSaved?: () => void) => void,
): void {
  useEffect(() => {
    if (!settings || moved) return;
    moved = true;
    const patch: SettingsPatch = {};
    const favourites = readLocalFavourites();
    if (favourites.length > 0 && !settings.chosen.includes("favourites")) patch.favourites = favourites;
    const theme = readLocal(themeCacheKey);
    if ((theme === "light" || theme === "dark") && !settings.chosen.includes("theme")) patch.theme = theme;
    const forgetOldFavourites = () => removeLocal(legacyFavouritesKey);
    // The old list is removed once the server has it (kept for the next page load if it refused),
    // or at once when the server already has favourites: those win.
    if (Object.keys(patch).length > 0) update(patch, patch.favourites ? forgetOldFavourites : undefined);
    if (!patch.favourites && readLocal(legacyFavouritesKey) !== null) forgetOldFavourites();
  }, [settings, update]);
}

function readLocalFavourites(): string[] {
  try {
    const parsed: unknown = JSON.parse(readLocal(legacyFavouritesKey) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    const ids = parsed.filter((x): x is string => typeof x === "string" && x.length > 0 && x.length <= 600);
    return ids.slice(0, 1000);
  } catch {
    return [];
  }
}

function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function removeLocal(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept there either.
  }
}
