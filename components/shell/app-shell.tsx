import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CommandPalette } from "@/components/search/command-palette";
import { Badge } from "@/components/ui/badge";
import { roleLabels, type Actor } from "@/lib/auth/roles";
import { Logo } from "./logo";
import { NavLinks, type NavItem } from "./nav-links";

const main: NavItem[] = [
  { href: "/", label: "Dashboard" },
  { href: "/clusters", label: "Clusters" },
  { href: "/customers", label: "Customers" },
  { href: "/releases", label: "Releases" },
];
const admin: NavItem[] = [
  { href: "/audit", label: "Audit log" },
  { href: "/users", label: "Users" },
];

export function AppShell({ user, children }: { user: Actor; children: ReactNode }) {
  const items = user.role === "admin" ? [...main, ...admin] : main;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <nav aria-label="Main" className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4 sm:px-6">
          <Link href="/" aria-label="Runsheet home" className="shrink-0">
            <Logo />
          </Link>
          <div className="min-w-0 flex-1 overflow-x-auto">
            <NavLinks items={items} />
          </div>
          <div className="flex shrink-0 items-center gap-3">
            <CommandPalette />
            <Link href="/account" className="hidden text-right sm:block" title="Your account">
              <span className="block text-sm font-medium leading-tight text-zinc-900 dark:text-zinc-100">{user.name}</span>
              <span className="block text-xs leading-tight text-zinc-500 dark:text-zinc-400">{user.email}</span>
            </Link>
            <Badge tone={user.role === "viewer" ? "neutral" : "brand"}>{roleLabels[user.role]}</Badge>
            <SignOutButton />
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-[1600px] px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
