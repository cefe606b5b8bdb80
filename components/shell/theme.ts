/** The user's theme choice (a cookie, so the server renders the page in it from the first byte). */
export const THEME_COOKIE = "theme";
export const themeModes = ["system", "light", "dark"] as const;
export type ThemeMode = (typeof themeModes)[number];

export const parseThemeMode = (value: string | undefined): ThemeMode => (themeModes as readonly string[]).includes(value ?? "") ? (value as ThemeMode) : "system";

/**
 * Runs in <head> before the first paint (and is all the page needs without JavaScript bundles):
 * resolves "system" through the browser's setting, sets <html data-theme>, and follows the system
 * when it changes while the choice is "system". It also tells the server the viewer's time zone
 * (the `tz` cookie), so times are rendered in it from the next page on (components/ui/time.tsx).
 */
export const themeScript = `(function(){try{document.cookie="tz="+encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)+";path=/;max-age=31536000;samesite=lax"}catch(e){}var h=document.documentElement,q=matchMedia("(prefers-color-scheme: dark)");function a(){var m=h.dataset.themeMode||"system",d=m==="dark"||(m==="system"&&q.matches);h.dataset.theme=d?"dark":"light"}a();q.addEventListener("change",a);window.__applyTheme=a})()`;

/** The viewer's zone from the `tz` cookie, if it is one this runtime knows (anything else: none). */
export function parseTimeZone(value: string | undefined): string | undefined {
  if (!value || value.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
