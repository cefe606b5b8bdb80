// Stands in for "server-only" under vitest: tests call the domain without Next.
export {};
