import { z } from "zod";
import { id, requiredText } from "@/lib/domain/shared/input";
import { webhookEventNames, webhookFormats } from "./model/events";

const httpUrl = requiredText(2000, "URL").refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
  } catch {
    return false;
  }
}, "Enter the receiver's http(s) URL, e.g. https://ci.example.com/hooks/runsheet.");

export const createEndpointInput = z.object({
  name: requiredText(100, "Name"),
  url: httpUrl,
  events: z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(webhookEventNames, { error: "Unknown event." })).min(1, "Choose at least one event.")),
  format: z.enum(webhookFormats, { error: "Choose JSON or Slack." }).default("json"),
});
export type CreateEndpointInput = z.output<typeof createEndpointInput>;

export const endpointIdInput = z.object({ endpointId: id });
export const setEndpointActiveInput = z.object({ endpointId: id, active: z.preprocess((v) => v === true || v === "true", z.boolean()) });
export const redeliverInput = z.object({ deliveryId: id });
