import { Badge } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/domain/webhooks/types";

const tones = { delivered: { tone: "green", label: "Delivered" }, pending: { tone: "amber", label: "Pending" }, failed: { tone: "red", label: "Failed" } } as const;

export function DeliveryStatusBadge({ status, code }: { status: DeliveryStatus; code?: number | null }) {
  const t = tones[status];
  return (
    <Badge tone={t.tone}>
      {t.label}
      {code ? ` · ${code}` : ""}
    </Badge>
  );
}
