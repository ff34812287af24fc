// Runs before first paint (a blocking script in <head>, external because the CSP forbids inline
// scripts) so that a stored or system dark theme does not flash light.
(() => {
  try {
    const stored = localStorage.getItem("portvakt.theme");
    const dark = stored ? stored === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    // Designsystemet's colour scheme (lib/theme.ts keeps it in step with the switch).
    document.documentElement.dataset.colorScheme = dark ? "dark" : "light";
    document.documentElement.classList.toggle("dark", dark);
    const lang = localStorage.getItem("portvakt.lang");
    if (lang === "en" || lang === "nb") document.documentElement.lang = lang;
  } catch {
    // Storage blocked: the defaults apply.
  }
})();
