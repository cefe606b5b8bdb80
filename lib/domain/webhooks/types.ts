import type { WebhookEvent, WebhookFormat } from "./model/events";

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type EndpointRow = {
  id: number;
  name: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  isActive: boolean;
  /** Why Runsheet disabled it by itself (a run of failures), or null. */
  disabledReason: string | null;
  /** Failed attempts in a row now (0 after a success). */
  consecutiveFailures: number;
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
/** `url` is null when its sealed copy cannot be read (AUTH_SECRET changed). */
export type ClaimedDelivery = { id: number; endpointId: number; url: string | null; secretBox: string; format: WebhookFormat; event: string; payload: Record<string, unknown>; attempts: number };
