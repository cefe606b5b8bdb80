import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CommandPalette } from "@/components/search/command-palette";
import { Badge } from "@/components/ui/badge";
import { roleLabels, type Actor } from "@/lib/auth/roles";
import { Logo } from "./logo";
import { MobileMenu } from "./mobile-menu";
import { NavLinks, type NavItem } from "./nav-links";
import type { ThemeMode } from "./theme";
import { ThemeSwitch } from "./theme-switch";

const main: NavItem[] = [
  { href: "/", label: "Dashboard" },
  { href: "/clusters", label: "Clusters" },
  { href: "/customers", label: "Customers" },
  { href: "/releases", label: "Releases" },
  { href: "/tracks", label: "Tracks" },
];
// One entry for the admin's pages (they share tabs: components/shell/admin-tabs.tsx), so the
// header fits beside the search on a laptop screen.
const admin: NavItem[] = [{ href: "/users", label: "Admin", also: ["/audit", "/api-tokens", "/webhooks", "/manifest-repositories"] }];

/**
 * The frame of every signed-in page. Wide screens show the navigation inline; below lg it moves
 * into a menu button (with the account and theme), so the header never scrolls sideways.
 */
export function AppShell({ user, theme, children }: { user: Actor; theme: ThemeMode; children: ReactNode }) {
  const items = user.role === "admin" ? [...main, ...admin] : main;
  const role = <Badge tone={user.role === "viewer" ? "neutral" : "brand"}>{roleLabels[user.role]}</Badge>;
  return (
    // A modal dialog sets `pointer-events: none` and a custom property (its scroll lock's
    // --removed-body-scroll-bar-size) on <body>; both are inherited, so each dialog opened or
    // closed restyled the whole page — 45–70 ms of main thread each on a large matrix. Stated
    // here (nothing reads the property; the dialog's overlay is what blocks the page), what this
    // element passes down does not change, and the restyle stops at it.
    <div className="pointer-events-auto min-h-screen [--removed-body-scroll-bar-size:0px]">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <nav aria-label="Main" className="relative mx-auto flex h-14 max-w-[1600px] items-center gap-4 px-4 sm:px-6 lg:gap-6">
          <Link href="/" aria-label="Runsheet home" className="shrink-0">
            <Logo />
          </Link>
          <div className="hidden min-w-0 flex-1 lg:block">
            <NavLinks items={items} />
          </div>
          <div className="ml-auto flex shrink-0 items-center gap-2 lg:ml-0 lg:gap-3">
            <CommandPalette />
            <span className="hidden lg:block">
              <ThemeSwitch initial={theme} />
            </span>
            <Link href="/account" className="hidden text-right xl:block" title="Your account">
              <span className="block text-sm leading-tight font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span>
              <span className="block text-xs leading-tight text-zinc-600 dark:text-zinc-400">{user.email}</span>
            </Link>
            <Link
              href="/account"
              className="hidden text-sm font-medium text-zinc-700 hover:underline lg:block xl:hidden dark:text-zinc-200"
              title={`${user.name} (${user.email})`}
            >
              Account
            </Link>
            <span className="hidden lg:inline-flex">{role}</span>
            <span className="hidden lg:block">
              <SignOutButton />
            </span>
            <div className="lg:hidden">
              <MobileMenu>
                <NavLinks items={items} vertical />
                <div className="mt-3 space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
                  <Link href="/account" className="flex items-center justify-between gap-3 rounded-md px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span>
                      <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{user.email}</span>
                    </span>
                    {role}
                  </Link>
                  <div className="flex items-center justify-between gap-3 px-3">
                    <ThemeSwitch initial={theme} />
                    <SignOutButton />
                  </div>
                </div>
              </MobileMenu>
            </div>
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-[1600px] px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
