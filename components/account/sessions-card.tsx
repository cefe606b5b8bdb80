"use client";

import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { signOutOtherSessionsAction, signOutSessionAction } from "@/lib/domain/users/actions";
import { deviceLabel } from "./device";
import { Time } from "@/components/ui/time";

type Session = { key: string; userAgent: string; createdAt: Date; lastSeenAt: Date; current: boolean };

/** The Account page's list of signed-in browsers, with "sign out" per device and everywhere else. */
export function SessionsCard({ sessions }: { sessions: Session[] }) {
  const router = useRouter();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <Card aria-labelledby="sessions-heading">
      <CardHeader
        title={<span id="sessions-heading">Where you are signed in</span>}
        description="Changing your password signs out every other session."
        actions={
          others > 0 ? (
            <ConfirmDialog
              trigger={
                <Button variant="secondary" size="sm">
                  Sign out everywhere else
                </Button>
              }
              title="Sign out everywhere else?"
              description={`${others} other ${others === 1 ? "session ends" : "sessions end"} at once. This browser stays signed in.`}
              confirmLabel="Sign out other sessions"
              pendingLabel="Signing out…"
              onConfirm={() => signOutOtherSessionsAction({})}
              onDone={() => router.refresh()}
            />
          ) : null
        }
      />
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.key} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
            <div className="min-w-0">
              <p className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                {deviceLabel(s.userAgent)} {s.current ? <Badge tone="green">This browser</Badge> : null}
              </p>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Signed in <Time value={s.createdAt} /> · last seen <Time value={s.lastSeenAt} />
              </p>
            </div>
            {s.current ? null : (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm">
                    Sign out
                  </Button>
                }
                title={`Sign out ${deviceLabel(s.userAgent)}?`}
                description="That browser has to sign in again."
                confirmLabel="Sign out"
                onConfirm={() => signOutSessionAction({ key: s.key })}
                onDone={() => router.refresh()}
              />
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
