"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import { redeliverAction, sendTestEventAction, setEndpointActiveAction } from "@/lib/domain/webhooks/actions";

function useRun() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    start(async () => {
      setError(null);
      const result = await fn();
      if (!result.ok) setError(result.message ?? "That did not work.");
      else toast(done);
    });
  return { pending, error, run };
}

/** Send a test event, or switch the endpoint off and on (deliveries wait while it is off). */
export function EndpointControls({ endpointId, active }: { endpointId: number; active: boolean }) {
  const { pending, error, run } = useRun();
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={pending || !active} onClick={() => run(() => callAction(sendTestEventAction, { endpointId }), "Test event queued")}>
          Send test event
        </Button>
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => callAction(setEndpointActiveAction, { endpointId, active: !active }), active ? "Webhook disabled" : "Webhook enabled")}>
          {active ? "Disable" : "Enable"}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RedeliverButton({ deliveryId }: { deliveryId: number }) {
  const { pending, error, run } = useRun();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" disabled={pending} aria-label={`Redeliver delivery ${deliveryId}`} onClick={() => run(() => callAction(redeliverAction, { deliveryId }), "Redelivery queued")}>
        Redeliver
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
