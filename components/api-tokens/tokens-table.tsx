import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { roleLabels } from "@/lib/auth/roles";
import type { TokenRow } from "@/lib/domain/api-tokens/types";
import { RevokeTokenButton } from "./revoke-token-button";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const statusBadge = { active: { tone: "green", label: "Active" }, expired: { tone: "amber", label: "Expired" }, revoked: { tone: "neutral", label: "Revoked" } } as const;

/** Every token: whom it acts as, its role, when it expires and was last used; live ones can be revoked. */
export function TokensTable({ tokens }: { tokens: TokenRow[] }) {
  if (tokens.length === 0) {
    return (
      <EmptyState title="No API tokens yet">
        Create one for each CI job or script that should read a release&apos;s status or mark steps done.
      </EmptyState>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Token</th>
            <th scope="col" className={th}>Acts as</th>
            <th scope="col" className={th}>Role</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Expires</th>
            <th scope="col" className={th}>Last used</th>
            <th scope="col" className={`${th} text-right`}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tokens.map((t) => {
            const badge = statusBadge[t.status];
            const live = t.status === "active";
            return (
              <tr key={t.id} data-testid="token-row" className={live ? undefined : "bg-zinc-50/60 dark:bg-zinc-950/40"}>
                <td className="px-4 py-3">
                  <div className={live ? "font-medium text-zinc-900 dark:text-zinc-100" : "font-medium text-zinc-600 dark:text-zinc-400"}>{t.name}</div>
                  <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.prefix}…</div>
                </td>
                <td className="px-4 py-3">
                  <div className="flex items-center gap-2">
                    <span className="text-zinc-800 dark:text-zinc-200">{t.principal.name}</span>
                    {t.principal.isServiceAccount ? <Badge tone="violet">Service account</Badge> : null}
                    {!t.principal.isActive ? <Badge tone="amber">Disabled</Badge> : null}
                  </div>
                  <div className="text-xs text-zinc-500 dark:text-zinc-400">
                    Created {t.createdByName ? `by ${t.createdByName} ` : ""}
                    <Time value={t.createdAt} />
                  </div>
                </td>
                <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">{roleLabels[t.role]}</td>
                <td className="px-4 py-3">
                  <Badge tone={badge.tone}>{badge.label}</Badge>
                  {t.revokedAt ? (
                    <div className="text-xs text-zinc-500 dark:text-zinc-400">
                      <Time value={t.revokedAt} />
                    </div>
                  ) : null}
                </td>
                <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">{t.expiresAt ? <Time value={t.expiresAt} /> : "Never"}</td>
                <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">{t.lastUsedAt ? <Time value={t.lastUsedAt} /> : <span className="text-zinc-500 dark:text-zinc-400">Never</span>}</td>
                <td className="px-4 py-3 text-right">{live ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
