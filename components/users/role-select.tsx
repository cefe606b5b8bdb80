"use client";

import { useState, useTransition } from "react";
import { Select } from "@/components/ui/input";
import { roleLabels, rolesByPower } from "@/lib/auth/roles";
import { changeRoleAction } from "@/lib/domain/users/actions";
import type { Role } from "@/lib/domain/vocabulary";

/** Changes a user's role as soon as another is picked; a refusal puts the old role back. */
export function RoleSelect({ userId, userName, role }: { userId: number; userName: string; role: Role }) {
  const [current, setCurrent] = useState(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="w-48">
      <Select
        aria-label={`Role of ${userName}`}
        value={current}
        disabled={pending}
        className="h-8"
        onChange={(event) => {
          const next = event.target.value as Role;
          const previous = current;
          setCurrent(next);
          setError(null);
          startTransition(async () => {
            const result = await changeRoleAction({ userId, role: next });
            if (!result.ok) {
              setCurrent(previous);
              setError(result.message);
            }
          });
        }}
      >
        {[...rolesByPower].reverse().map((r) => (
          <option key={r} value={r}>
            {roleLabels[r]}
          </option>
        ))}
      </Select>
      {error ? (
        <p role="alert" className="mt-1 max-w-56 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
