import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { refusalForName, refusalForUrl } from "./model/address-policy";

/**
 * The check a new endpoint gets when it is added, so the admin hears at once: the URL's literal
 * address, or every address its name resolves to now. A name that does not resolve (yet) is let
 * through — the check that counts runs at every send (deliver.ts), on the address connected to.
 */
export async function resolvedRefusal(url: string, timeoutMs = 2_000): Promise<string | null> {
  const literal = refusalForUrl(url);
  if (literal) return literal;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return null;
  const addresses = await Promise.race([
    lookup(host, { all: true }).catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), timeoutMs).unref()),
  ]);
  for (const a of addresses) {
    const why = refusalForName(host, a.address);
    if (why) return why;
  }
  return null;
}
