import { roleLabels, rolesByPower } from "@/lib/auth/roles";
import type { Role } from "@/lib/domain/vocabulary";

export const roleHelp: Record<Role, string> = {
  viewer: "Reads everything; changes nothing.",
  release_manager: "Keeps clusters and customers, and runs releases: templates, activation, executing and customising steps.",
  admin: "Everything a release manager does, plus users and the audit log.",
};

/** What each role may do, most powerful first (under the users table). */
export function RoleGuide() {
  return (
    <dl className="mt-6 grid gap-3 text-sm sm:grid-cols-3">
      {[...rolesByPower].reverse().map((r) => (
        <div key={r} className="rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <dt className="font-medium text-zinc-900 dark:text-zinc-100">{roleLabels[r]}</dt>
          <dd className="mt-0.5 text-zinc-600 dark:text-zinc-400">{roleHelp[r]}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A role as a small badge. */
export function RoleLabel({ role }: { role: Role }) {
  return <>{roleLabels[role]}</>;
}
