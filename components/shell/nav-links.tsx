"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

/** `also`: further sections the item stands for (it shows as current there too). */
export type NavItem = { href: string; label: string; also?: string[] };

export function NavLinks({ items, vertical = false }: { items: NavItem[]; vertical?: boolean }) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex gap-1", vertical ? "flex-col" : "items-center")}>
      {items.map((item) => {
        const under = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
        const active = item.href === "/" ? pathname === "/" : [item.href, ...(item.also ?? [])].some(under);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "block rounded-md font-medium whitespace-nowrap transition-colors",
                vertical ? "px-3 py-2.5 text-base" : "px-3 py-1.5 text-sm",
                active
                  ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                  : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
