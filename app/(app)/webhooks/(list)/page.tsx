import type { Metadata } from "next";
import { AdminTabs } from "@/components/shell/admin-tabs";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AddEndpointDialog } from "@/components/webhooks/add-endpoint-dialog";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { loadWebhooksPage } from "@/lib/domain/webhooks/loaders";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { endpoints } = await loadWebhooksPage();
  return (
    <>
      <AdminTabs />
      <PageHeader
        title="Webhooks"
        description="Tell other systems what happens: each event is written with its change, signed (HMAC-SHA256) and retried with backoff until the receiver accepts it."
        actions={<AddEndpointDialog />}
      />
      <Card>
        <EndpointsTable endpoints={endpoints} />
      </Card>
    </>
  );
}
