import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const control =
  "block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-500 disabled:opacity-60 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500";
const border = (invalid?: boolean) =>
  invalid ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700";

type Invalid = { invalid?: boolean };

export function Input({ className, invalid, ...props }: ComponentProps<"input"> & Invalid) {
  return <input aria-invalid={invalid || undefined} className={cn(control, border(invalid), "h-9", className)} {...props} />;
}

export function Textarea({ className, invalid, ...props }: ComponentProps<"textarea"> & Invalid) {
  return (
    <textarea aria-invalid={invalid || undefined} className={cn(control, border(invalid), "py-2", className)} {...props} />
  );
}

export function Select({ className, invalid, ...props }: ComponentProps<"select"> & Invalid) {
  return <select aria-invalid={invalid || undefined} className={cn(control, border(invalid), "h-9 pr-8", className)} {...props} />;
}
