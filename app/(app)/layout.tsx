import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { LiveProvider } from "@/components/live/live-provider";
import { AppShell } from "@/components/shell/app-shell";
import { ViewerProvider } from "@/components/shell/viewer";
import { Shortcuts } from "@/components/shell/shortcuts";
import { parseThemeMode, parseTimeZone, THEME_COOKIE } from "@/components/shell/theme";
import { TimeProvider } from "@/components/ui/time";
import { ToastProvider } from "@/components/ui/toast";
import { loadViewer } from "@/lib/domain/session/loaders";

// Every page below reads the database per request: never prerendered at build time
// (a build must not open the embedded database).
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await loadViewer();
  const jar = await cookies();
  const theme = parseThemeMode(jar.get(THEME_COOKIE)?.value);
  return (
    <ToastProvider>
      <TimeProvider zone={parseTimeZone(jar.get("tz")?.value)} now={Date.now()}>
        <ViewerProvider id={user.id}>
          <LiveProvider>
            <AppShell user={user} theme={theme}>
              {children}
            </AppShell>
          </LiveProvider>
          <Shortcuts />
        </ViewerProvider>
      </TimeProvider>
    </ToastProvider>
  );
}
