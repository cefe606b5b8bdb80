import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may be sent (issue 25, SSRF). A receiver is on the internet: an address on this
 * machine, its link (cloud metadata at 169.254.169.254 among them), a private or unique-local
 * network, or any other range that is not a public host is refused — unless the operator allowed
 * it with WEBHOOK_ALLOW_PRIVATE (CIDRs, e.g. "10.20.0.0/16,fd00::/8") for receivers inside their
 * own network. The ranges are matched by Node's own BlockList; every resolved address is checked
 * (deliver.ts) and the connection goes to the address that was checked.
 */
const refused: Array<[string, number, "ipv4" | "ipv6", string]> = [
  ["0.0.0.0", 8, "ipv4", "this network"],
  ["10.0.0.0", 8, "ipv4", "private"],
  ["100.64.0.0", 10, "ipv4", "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "ipv4", "loopback"],
  ["169.254.0.0", 16, "ipv4", "link-local"],
  ["172.16.0.0", 12, "ipv4", "private"],
  ["192.0.0.0", 24, "ipv4", "reserved"],
  ["192.168.0.0", 16, "ipv4", "private"],
  ["198.18.0.0", 15, "ipv4", "benchmarking"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved"],
  ["::", 128, "ipv6", "unspecified"],
  ["::1", 128, "ipv6", "loopback"],
  ["64:ff9b:1::", 48, "ipv6", "local translation"],
  ["100::", 64, "ipv6", "discard"],
  ["fc00::", 7, "ipv6", "unique-local"],
  ["fe80::", 10, "ipv6", "link-local"],
  ["ff00::", 8, "ipv6", "multicast"],
];

const blocked = new BlockList();
for (const [net, prefix, type] of refused) blocked.addSubnet(net, prefix, type);

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) is checked as the IPv4 address it is. */
function normalise(address: string): { address: string; type: "ipv4" | "ipv6" } | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return { address: dotted[1], type: "ipv4" };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return { address: [hi >> 8, hi & 255, lo >> 8, lo & 255].join("."), type: "ipv4" };
  }
  const family = isIP(address);
  return family === 4 ? { address, type: "ipv4" } : family === 6 ? { address, type: "ipv6" } : null;
}

/** Parses WEBHOOK_ALLOW_PRIVATE: CIDRs separated by commas or spaces. Throws with the bad entry. */
export function parseAllowList(text: string | undefined): BlockList {
  const allowed = new BlockList();
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    const ip = m && normalise(m[1]);
    const prefix = m ? Number(m[2]) : NaN;
    if (!ip || prefix > (ip.type === "ipv4" ? 32 : 128)) throw new Error(`"${entry}" is not a CIDR such as 10.0.0.0/8 or fd00::/8`);
    allowed.addSubnet(ip.address, prefix, ip.type);
  }
  return allowed;
}

let cached: { text: string | undefined; list: BlockList } | undefined;
/** The operator's allowance, read once per value of the variable (tests change it). */
function allowance(): BlockList {
  const text = process.env.WEBHOOK_ALLOW_PRIVATE;
  if (!cached || cached.text !== text) cached = { text, list: parseAllowList(text) };
  return cached.list;
}

const why = "webhooks go to public receivers only (an admin of this server can allow internal ranges with WEBHOOK_ALLOW_PRIVATE)";

/** What kind of refused address this is ("loopback", "private" …), or null when webhooks may go there. */
export function refusedKind(address: string): string | null {
  const ip = normalise(address);
  if (!ip) return "unreadable";
  if (!blocked.check(ip.address, ip.type)) return null;
  if (allowance().check(ip.address, ip.type)) return null;
  const range = refused.find(([net, prefix, type]) => {
    if (type !== ip.type) return false;
    const one = new BlockList();
    one.addSubnet(net, prefix, type);
    return one.check(ip.address, ip.type);
  });
  return range?.[3] ?? "non-public";
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? "an" : "a");

/** Null when the address (written in a URL) may receive webhooks; otherwise why not, in words. */
export function refusalFor(address: string): string | null {
  const kind = refusedKind(address);
  return kind ? `${address} is ${article(kind)} ${kind} address: ${why}.` : null;
}

/** The same for a name and one of the addresses it resolves to. */
export function refusalForName(name: string, address: string): string | null {
  const kind = refusedKind(address);
  return kind ? `${name} resolves to ${address}, ${article(kind)} ${kind} address: ${why}.` : null;
}

/** An address written in the URL itself (never looked up, so checked as it is). */
export function refusalForUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return null;
  }
  return isIP(host) ? refusalFor(host) : null;
}
