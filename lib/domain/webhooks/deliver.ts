import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { unseal } from "@/lib/auth/secret-box";
import { slackText } from "./model/events";
import { refusalForName, refusalForUrl } from "./model/address-policy";
import { signatureHeader } from "./model/signature";
import type { ClaimedDelivery } from "./types";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** What is read of a receiver's answer (its status is what counts): enough to free the socket. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type Outcome = { ok: boolean; statusCode: number | null; error: string | null };

/** The body as the receiver gets it: the event as JSON (with its delivery id), or Slack's `{ text }`. */
export function bodyOf(d: Pick<ClaimedDelivery, "id" | "format" | "payload">): string {
  return d.format === "slack" ? JSON.stringify({ text: slackText(d.payload as Parameters<typeof slackText>[0]) }) : JSON.stringify({ id: d.id, ...d.payload });
}

class RefusedAddress extends Error {
  code = "ERUNSHEET_REFUSED";
}

/**
 * The socket's own name lookup, checking every address the name resolves to before any is used:
 * if one is not allowed (address-policy.ts) the name is refused, and otherwise the connection goes
 * to exactly the addresses checked — there is no second lookup a changed DNS answer could steer.
 */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    for (const a of addresses) {
      const why = refusalForName(hostname, a.address);
      if (why) return callback(new RefusedAddress(why), "", 0);
    }
    if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/** One POST through node:http(s) with the checked lookup; never follows a redirect. */
function post(url: URL, body: string, headers: Record<string, string>): Promise<number> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const options: RequestOptions = { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: checkedLookup, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) };
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      res.on("close", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function describe(error: unknown): string {
  if (error instanceof RefusedAddress) return `Not sent: ${error.message}`;
  const e = error as { name?: string; code?: string; message?: string; cause?: { message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "No answer within 10 s.";
  return `Could not connect: ${e?.cause?.message ?? e?.message ?? String(error)}`;
}

/**
 * One attempt: POST the body, signed (`X-Runsheet-Signature: t=…,v1=…`), within 10 s, never
 * following a redirect, and only to an address the policy allows. A 2xx answer is delivered;
 * anything else is retried by the caller.
 */
export async function sendDelivery(d: ClaimedDelivery): Promise<Outcome> {
  const secret = unseal(d.secretBox);
  if (!secret) return { ok: false, statusCode: null, error: "The signing secret cannot be read (AUTH_SECRET changed?): add the endpoint again." };
  const url = d.url === null ? null : new URL(d.url);
  if (!url) return { ok: false, statusCode: null, error: "The receiver's URL cannot be read (AUTH_SECRET changed?): add the endpoint again." };
  // An address written in the URL is not looked up, so it is checked here.
  const literal = refusalForUrl(url.href);
  if (literal) return { ok: false, statusCode: null, error: `Not sent: ${literal}` };
  const body = bodyOf(d);
  try {
    const status = await post(url, body, {
      "content-type": "application/json",
      "user-agent": "Runsheet-Webhooks/1",
      "x-runsheet-event": d.event,
      "x-runsheet-delivery": String(d.id),
      "x-runsheet-signature": signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
    });
    const ok = status >= 200 && status < 300;
    return { ok, statusCode: status, error: ok ? null : `The receiver answered HTTP ${status}.` };
  } catch (error) {
    return { ok: false, statusCode: null, error: describe(error) };
  }
}
