import type { WebhookEvent, WebhookFormat } from "./model/events";

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type EndpointRow = {
  id: number;
  name: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  isActive: boolean;
  createdAt: Date;
  last: { status: DeliveryStatus; at: Date; code: number | null } | null;
  failing: number;
};

export type DeliveryRow = {
  id: number;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
  redeliveryOf: number | null;
  summary: string;
};

export type CreatedEndpoint = { id: number; name: string; secret: string };

/** One delivery as a worker claimed it: where to send what, signed with which secret. */
export type ClaimedDelivery = { id: number; endpointId: number; url: string; secretBox: string; format: WebhookFormat; event: string; payload: Record<string, unknown>; attempts: number };
