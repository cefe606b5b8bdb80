import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { parseThemeMode, THEME_COOKIE } from "@/components/shell/theme";
import { ToastProvider } from "@/components/ui/toast";
import { loadViewer } from "@/lib/domain/session/loaders";

// Every page below reads the database per request: never prerendered at build time
// (a build must not open the embedded database).
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await loadViewer();
  const theme = parseThemeMode((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <ToastProvider>
      <AppShell user={user} theme={theme}>
        {children}
      </AppShell>
    </ToastProvider>
  );
}
