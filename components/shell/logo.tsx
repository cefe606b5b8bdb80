export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
      <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
        <rect x="2" y="2" width="20" height="20" rx="5" className="fill-brand-600" />
        <path d="M7 8.5h10M7 12h10M7 15.5h6" stroke="white" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="17" cy="15.5" r="1.4" fill="white" />
      </svg>
      Runsheet
    </span>
  );
}
