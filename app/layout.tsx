import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { parseThemeMode, THEME_COOKIE, themeScript } from "@/components/shell/theme";
import { ThemeSync } from "@/components/shell/theme-sync";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runsheet", template: "%s · Runsheet" },
  description: "Roll one release out to many customers, step by step.",
  icons: { icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icon.svg", type: "image/svg+xml" }], apple: "/apple-touch-icon.png" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The theme script runs before paint, so it needs the request's CSP nonce (proxy.ts).
  const [nonce, mode] = await Promise.all([headers().then((h) => h.get("x-nonce") ?? undefined), cookies().then((c) => parseThemeMode(c.get(THEME_COOKIE)?.value))]);
  return (
    <html lang="en" data-theme-mode={mode} data-theme={mode === "system" ? undefined : mode} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        <ThemeSync />
        {children}
      </body>
    </html>
  );
}
