"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const tabs = [
  { href: "/users", label: "Users" },
  { href: "/audit", label: "Audit log" },
  { href: "/api-tokens", label: "API tokens" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/manifest-repositories", label: "Manifest repositories" },
];

/** The admin's pages, one tab each (the main navigation has a single "Admin" entry for them). */
export function AdminTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="mb-5 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((t) => {
          const active = pathname === t.href || pathname.startsWith(`${t.href}/`);
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  active
                    ? "border-brand-600 text-zinc-900 dark:border-brand-400 dark:text-zinc-50"
                    : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-100",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
