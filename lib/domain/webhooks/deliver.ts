import "server-only";
import { unseal } from "@/lib/auth/secret-box";
import { signatureHeader, slackText } from "./model/events";
import type { ClaimedDelivery } from "./types";

export const DELIVERY_TIMEOUT_MS = 10_000;

/** The body as the receiver gets it: the event as JSON (with its delivery id), or Slack's `{ text }`. */
export function bodyOf(d: Pick<ClaimedDelivery, "id" | "format" | "payload">): string {
  return d.format === "slack" ? JSON.stringify({ text: slackText(d.payload as Parameters<typeof slackText>[0]) }) : JSON.stringify({ id: d.id, ...d.payload });
}

/**
 * One attempt: POST the body, signed (`X-Runsheet-Signature: t=…,v1=…`), within 10 s, never
 * following a redirect. A 2xx answer is delivered; anything else is retried by the caller.
 */
export async function sendDelivery(d: ClaimedDelivery, fetchImpl: typeof fetch = fetch): Promise<{ ok: boolean; statusCode: number | null; error: string | null }> {
  const secret = unseal(d.secretBox);
  if (!secret) return { ok: false, statusCode: null, error: "The signing secret cannot be read (AUTH_SECRET changed?): add the endpoint again." };
  const body = bodyOf(d);
  try {
    const res = await fetchImpl(d.url, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Runsheet-Webhooks/1",
        "x-runsheet-event": d.event,
        "x-runsheet-delivery": String(d.id),
        "x-runsheet-signature": signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
      },
    });
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `The receiver answered HTTP ${res.status}.` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, statusCode: null, error: timedOut ? "No answer within 10 s." : `Could not connect: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}` };
  }
}
