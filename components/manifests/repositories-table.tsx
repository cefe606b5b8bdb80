"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { callAction } from "@/components/ui/call-action";
import { deleteRepositoryAction } from "@/lib/domain/manifests/actions";
import type { ManifestRepository } from "@/lib/domain/manifests/types";
import { RepositoryDialog } from "./repository-dialog";

type Scopes = Parameters<typeof RepositoryDialog>[0]["scopes"];

/** The manifest repositories (admins): what each serves, where it writes, and its branch. */
export function RepositoriesTable({ repositories, scopes }: { repositories: ManifestRepository[]; scopes: Scopes }) {
  const router = useRouter();
  if (!repositories.length) {
    return (
      <EmptyState title="No manifest repository yet" action={<RepositoryDialog scopes={scopes} />}>
        Add one to publish YAML steps as files that a reviewed merge hands to Argo CD or Flux.
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800" aria-label="Manifest repositories (list)">
        {repositories.map((r) => (
          <li key={r.id} className="space-y-1 px-5 py-3 text-sm">
            <p className="font-medium text-zinc-900 dark:text-zinc-100">{r.name}</p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {r.scope.kind === "track" ? "Track" : "Cluster"} {r.scope.name} · {r.publishes} publish{r.publishes === 1 ? "" : "es"}
            </p>
            <p className="font-mono text-xs break-all text-zinc-800 dark:text-zinc-200">
              {r.url} · {r.branch}
              {r.hasToken ? " · token set" : ""}
            </p>
            <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{r.pathPattern}</p>
            <div className="flex gap-2 pt-1">
              <RepositoryDialog scopes={scopes} repository={r} />
            </div>
          </li>
        ))}
      </ul>
    <div className="hidden overflow-x-auto md:block">
      <table className="w-full text-sm" aria-label="Manifest repositories">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th className="px-5 py-2">Name</th>
            <th className="px-3 py-2">Used for</th>
            <th className="px-3 py-2">Repository and branch</th>
            <th className="px-3 py-2">Path pattern</th>
            <th className="px-3 py-2 text-right">Publishes</th>
            <th className="px-5 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {repositories.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="px-5 py-3 font-medium text-zinc-900 dark:text-zinc-100">{r.name}</td>
              <td className="px-3 py-3 text-zinc-700 dark:text-zinc-300">
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{r.scope.kind === "track" ? "Track" : "Cluster"}</span> {r.scope.name}
              </td>
              <td className="px-3 py-3">
                <span className="block max-w-72 truncate font-mono text-xs text-zinc-800 dark:text-zinc-200" title={r.url}>
                  {r.url}
                </span>
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                  {r.branch}
                  {r.hasToken ? " · token set" : ""}
                </span>
              </td>
              <td className="px-3 py-3 font-mono text-xs break-all text-zinc-700 dark:text-zinc-300">{r.pathPattern}</td>
              <td className="px-3 py-3 text-right tabular-nums">{r.publishes}</td>
              <td className="px-5 py-3">
                <div className="flex justify-end gap-2">
                  <RepositoryDialog scopes={scopes} repository={r} />
                  <ConfirmDialog
                    trigger={
                      <Button variant="secondary" size="sm" aria-label={`Remove ${r.name}`}>
                        Remove
                      </Button>
                    }
                    title={`Remove ${r.name}?`}
                    description="Runsheet stops publishing to it. The repository itself is not touched."
                    confirmLabel="Remove"
                    onConfirm={() => callAction(deleteRepositoryAction, { repositoryId: r.id })}
                    onDone={() => router.refresh()}
                    blocked={r.publishes ? { title: "This repository stays", reason: "Its publishes are the evidence of what was merged. Change its URL or branch instead." } : undefined}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}
