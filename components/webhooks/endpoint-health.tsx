import { Alert } from "@/components/ui/alert";
import { disableAfterFailures, FAILING_FOR_MINUTES } from "@/lib/domain/webhooks/model/disable-policy";
import type { EndpointRow } from "@/lib/domain/webhooks/types";

/** Why Runsheet disabled this webhook, or that its receiver is failing and what happens next. */
export function EndpointHealth({ endpoint }: { endpoint: EndpointRow }) {
  if (endpoint.disabledReason) {
    return (
      <Alert tone="error" title="Runsheet disabled this webhook">
        {endpoint.disabledReason}
      </Alert>
    );
  }
  if (!endpoint.isActive || endpoint.consecutiveFailures === 0) return null;
  const limit = disableAfterFailures();
  return (
    <Alert tone="warning" title="The receiver is failing">
      {endpoint.consecutiveFailures} failed {endpoint.consecutiveFailures === 1 ? "attempt" : "attempts"} in a row.
      {limit > 0 ? ` After ${limit} in a row over at least ${FAILING_FOR_MINUTES} minutes, Runsheet disables the webhook until an admin enables it again.` : ""}
    </Alert>
  );
}
