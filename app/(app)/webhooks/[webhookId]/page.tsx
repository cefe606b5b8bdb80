import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminTabs } from "@/components/shell/admin-tabs";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { EndpointHealth } from "@/components/webhooks/endpoint-health";
import { loadWebhookPage } from "@/lib/domain/webhooks/loaders";

type Props = { params: Promise<{ webhookId: string }> };

async function load(params: Props["params"]) {
  const page = await loadWebhookPage((await params).webhookId);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { endpoint } = await load(params);
  return { title: `${endpoint.name} · Webhooks` };
}

export default async function WebhookPage({ params }: Props) {
  const { endpoint, deliveries } = await load(params);
  return (
    <>
      <AdminTabs />
      <PageHeader
        eyebrow={<Link href="/webhooks" className="hover:underline">Webhooks</Link>}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {endpoint.name}
            {endpoint.isActive ? <Badge tone="green">Active</Badge> : <Badge>Disabled</Badge>}
          </span>
        }
        description={<span className="font-mono text-xs">{endpoint.url}</span>}
        actions={<EndpointControls endpointId={endpoint.id} active={endpoint.isActive} />}
      />
      <EndpointHealth endpoint={endpoint} />
      <Card>
        <DeliveriesTable deliveries={deliveries} />
      </Card>
    </>
  );
}
