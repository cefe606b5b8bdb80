"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import { Time } from "@/components/ui/time";
import { createAgentTokenAction, revokeAgentTokenAction } from "@/lib/domain/agents/actions";
import type { AgentTokenRow, CreatedAgentToken } from "@/lib/domain/agents/types";

/**
 * The cluster's agents (admins): the tokens its agents use — created here, shown once, kept as a
 * hash, revocable, with when each was last seen — and the agent processes that called in with
 * each, connected or not.
 */
export function AgentsCard({ clusterId, clusterName, tokens, origin }: { clusterId: number; clusterName: string; tokens: AgentTokenRow[]; origin: string }) {
  const [created, setCreated] = useState<CreatedAgentToken | null>(null);
  const connected = tokens.flatMap((t) => (t.revokedAt ? [] : t.agents.filter((a) => a.connected))).length;
  return (
    <Card aria-labelledby="agents-title">
      <CardHeader
        title={<span id="agents-title">Agents</span>}
        description={`Processes next to ${clusterName} that run its steps: they call Runsheet (outbound only) with a token of this cluster. ${connected} connected now.`}
        actions={
          <FormDialog<CreatedAgentToken>
            trigger={<Button size="sm">Create agent token</Button>}
            title={`Agent token for ${clusterName}`}
            description="An agent with this token sees and runs only this cluster's steps. Several agents may share one for availability; each shows here by its name."
            action={createAgentTokenAction}
            hidden={{ clusterId }}
            submitLabel="Create token"
            pendingLabel="Creating…"
            onDone={(d) => setCreated(d)}
          >
            {({ errorFor }) => (
              <Field id="agent-token-name" label="Name" hint="Where its agents run, e.g. prod-eu jump host." error={errorFor("name")} required>
                <Input name="name" autoComplete="off" />
              </Field>
            )}
          </FormDialog>
        }
      />
      {tokens.length === 0 ? (
        <div className="p-4">
          <EmptyState title="No agent token yet">Create one, then start an agent next to the cluster with it: its steps marked “run by agent” can then be run from Runsheet.</EmptyState>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Agent tokens">
          {tokens.map((t) => (
            <li key={t.id} className="px-5 py-3 text-sm" data-testid="agent-token" data-name={t.name}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{t.name}</span>
                <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.prefix}…</code>
                {t.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {t.lastSeenAt ? (
                    <>
                      last seen <Time value={t.lastSeenAt} />
                    </>
                  ) : (
                    "never used"
                  )}
                  {t.revokedAt ? (
                    <>
                      {" · revoked "}
                      <Time value={t.revokedAt} />
                      {t.revokedByName ? ` by ${t.revokedByName}` : ""}
                    </>
                  ) : null}
                </span>
                {!t.revokedAt ? (
                  <span className="ml-auto">
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="secondary" aria-label={`Revoke agent token ${t.name}`}>
                          Revoke
                        </Button>
                      }
                      title={`Revoke "${t.name}"?`}
                      description="Its agents are refused from their next call on and stop; a step one of them is running finishes on the host, and its outcome becomes unknown here."
                      confirmLabel="Revoke token"
                      pendingLabel="Revoking…"
                      onConfirm={() => revokeAgentTokenAction({ tokenId: t.id })}
                    />
                  </span>
                ) : null}
              </div>
              {t.agents.length ? (
                <ul className="mt-1.5 space-y-0.5 pl-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label={`Agents using ${t.name}`}>
                  {t.agents.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-center gap-2" data-testid="agent" data-connected={a.connected && !t.revokedAt}>
                      <span aria-hidden className={a.connected && !t.revokedAt ? "text-emerald-600 dark:text-emerald-400" : "text-zinc-400"}>
                        ●
                      </span>
                      <span className="font-mono">{a.name}</span>
                      <span className="text-zinc-500 dark:text-zinc-400">
                        {a.connected && !t.revokedAt ? "connected" : "not connected"} · seen <Time value={a.lastSeenAt} />
                        {a.version ? ` · v${a.version}` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ShownOnceDialog
        secret={created?.token ?? null}
        title={`Agent token "${created?.name}" created`}
        description={created ? `For cluster ${created.clusterName}.` : null}
        warning="This is the only time the token is shown. Runsheet keeps only a hash of it; if it is lost, revoke it and create another."
        copyLabel="Copy token"
        testId="new-agent-token"
        onClose={() => setCreated(null)}
      >
        <div>
          <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Start an agent next to the cluster</p>
          <pre tabIndex={0} aria-label="Agent command" className="overflow-x-auto rounded-md bg-zinc-950 px-3 py-2 font-mono text-xs text-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500">{`RUNSHEET_AGENT_TOKEN=${created?.token} \\\n  runsheet agent --server ${origin} --kubeconfig ~/.kube/${created?.clusterName ?? "config"}`}</pre>
        </div>
      </ShownOnceDialog>
    </Card>
  );
}
