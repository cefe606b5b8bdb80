import "server-only";
import { defineLoader, rowIdOf } from "@/lib/domain/define-loader";
import { getEndpoint, listDeliveries, listEndpoints } from "./queries/webhooks";

/** Webhooks page (admins): every endpoint with its latest delivery. */
export const loadWebhooksPage = defineLoader("admin", async () => ({ endpoints: await listEndpoints() }));

/** One endpoint and its delivery log (admins). */
export const loadWebhookPage = defineLoader("admin", async (_actor, rawId: string) => {
  const endpointId = rowIdOf(rawId);
  const endpoint = endpointId ? await getEndpoint(endpointId) : null;
  return endpoint ? { endpoint, deliveries: await listDeliveries(endpoint.id) } : null;
});
