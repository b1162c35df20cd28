"use client";
// Light or dark, saved with the person's settings so every browser shows it. A copy in this browser
// lets the first paint use it before the API answers (see the script in app/layout.tsx).
import { useEffect, useState } from "react";
import { type ThemeSetting, themeCacheKey, usePersonSettings } from "../../lib/use-person-settings";

type Theme = "light" | "dark";

/** "system" follows the operating system's preference. */
function resolved(setting: ThemeSetting): Theme {
  if (setting !== "system") return setting;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function apply(setting: ThemeSetting): Theme {
  const theme = resolved(setting);
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(themeCacheKey, setting);
  } catch {
    // Storage disabled: the first paint follows the system until the API answers.
  }
  return theme;
}

export function ThemeToggle() {
  const { settings, update } = usePersonSettings();
  const [theme, setTheme] = useState<Theme>("light");
  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
  }, []);
  // The person's saved theme wins over this browser's copy once it is known. Never set: the page keeps
  // what the first paint chose (an old copy here is uploaded once, see use-person-settings).
  const saved = settings?.chosen.includes("theme") ? settings.theme : undefined;
  useEffect(() => {
    if (saved) setTheme(apply(saved));
  }, [saved]);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      onClick={() => {
        setTheme(apply(next));
        update({ theme: next });
      }}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      style={{
        background: "none",
        border: "1px solid var(--border)",
        borderRadius: 6,
        padding: "4px 10px",
        cursor: "pointer",
      }}
    >
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}
