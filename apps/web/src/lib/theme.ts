import { useCallback, useSyncExternalStore } from "react";

export type Theme = "light" | "dark";
const STORAGE_KEY = "portvakt.theme";
const THEME_EVENT = "portvakt:theme";
const media = () => window.matchMedia("(prefers-color-scheme: dark)");

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

/** The stored choice wins; without one the system preference decides (and keeps deciding). */
function currentTheme(): Theme {
  return storedTheme() ?? (media().matches ? "dark" : "light");
}

/**
 * Puts the theme on <html>: Designsystemet's `data-color-scheme` ("light" | "dark") picks its
 * colour tokens, and the `dark` class stays for code and tests that look for it.
 */
function apply(theme: Theme) {
  const root = document.documentElement;
  root.dataset.colorScheme = theme;
  root.classList.toggle("dark", theme === "dark");
}

function subscribe(onChange: () => void) {
  const onSystem = () => {
    if (!storedTheme()) apply(currentTheme());
    onChange();
  };
  const mq = media();
  mq.addEventListener("change", onSystem);
  window.addEventListener(THEME_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    mq.removeEventListener("change", onSystem);
    window.removeEventListener(THEME_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function useTheme(): { theme: Theme; setTheme: (theme: Theme) => void } {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => "light" as Theme);
  const setTheme = useCallback((next: Theme) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // The toggle still works for this page view.
    }
    apply(next);
    window.dispatchEvent(new Event(THEME_EVENT));
  }, []);
  return { theme, setTheme };
}
