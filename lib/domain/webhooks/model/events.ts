// Loaded by the browser (the webhooks page lists events): no Node modules here (signature.ts signs).
/** Every event an endpoint may subscribe to, with its words. */
export const webhookEvents = {
  "release.activated": "Release activated",
  "stage.promoted": "Stage promoted",
  "release.completed": "Release completed",
  "release.archived": "Release archived",
  "customer.completed": "Customer completed",
  "step.done": "Step done",
  "step.skipped": "Step skipped",
  "step.reverted": "Step reverted",
  "step.failed": "Step failed on an agent",
  "run.paused": "Run paused",
  "run.finished": "Run finished",
  "manifests.merged": "Manifests merged",
} as const;
export type WebhookEvent = keyof typeof webhookEvents;
export const webhookEventNames = Object.keys(webhookEvents) as [WebhookEvent, ...WebhookEvent[]];

export const webhookFormats = ["json", "slack"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

type Payload = {
  event: string;
  run?: { id?: number; title?: string; reason?: string | null; counts?: Record<string, number> };
  agent?: string;
  exitCode?: number | null;
  release?: { name?: string; version?: string | null };
  customer?: { name?: string; cluster?: string; namespace?: string };
  step?: { name?: string; skipReason?: string | null };
  stage?: { name?: string; breakGlassReason?: string | null };
  by?: string | null;
  sha?: string;
  repository?: { name?: string; branch?: string };
  customers?: string[];
};

/** One line for a chat channel (the Slack-compatible format posts `{ "text": … }`); `plain` leaves out the emoji. */
export function slackText(p: Payload, { plain = false } = {}): string {
  const line = chatLine(p);
  return plain ? line.replace(/^\S+ /u, "") : line;
}

function chatLine(p: Payload): string {
  const release = p.release?.name ?? "a release";
  const customer = p.customer ? `${p.customer.name} (${p.customer.cluster}/${p.customer.namespace})` : "";
  const by = p.by ? ` by ${p.by}` : "";
  switch (p.event) {
    case "step.done":
      return `✅ ${release}: "${p.step?.name}" done for ${customer}${by}`;
    case "step.skipped":
      return `⏭️ ${release}: "${p.step?.name}" skipped for ${customer}${by}${p.step?.skipReason ? ` — ${p.step.skipReason}` : ""}`;
    case "step.reverted":
      return `↩️ ${release}: "${p.step?.name}" reverted for ${customer}${by}`;
    case "customer.completed":
      return `🎉 ${release}: ${customer} is complete`;
    case "release.completed":
      return `🏁 ${release} is complete for every customer`;
    case "release.activated":
      return `🚀 ${release} was activated`;
    case "release.archived":
      return `📦 ${release} was archived`;
    case "stage.promoted":
      return `➡️ ${release}: ${p.stage?.name} opened${by}${p.stage?.breakGlassReason ? ` (break glass: ${p.stage.breakGlassReason})` : ""}`;
    case "step.failed":
      return `❌ ${release}: "${p.step?.name}" failed for ${customer}${p.agent ? ` on agent ${p.agent}` : ""}${typeof p.exitCode === "number" ? ` (exit ${p.exitCode})` : ""}`;
    case "run.paused":
      return `⏸️ ${release}: run #${p.run?.id} paused${p.run?.reason ? ` — ${p.run.reason}` : ""}`;
    case "run.finished": {
      const c = p.run?.counts ?? {};
      return `🏁 ${release}: run #${p.run?.id} finished — ${c.done ?? 0} done, ${c.failed ?? 0} failed, ${c.unknown ?? 0} unknown, ${c.cancelled ?? 0} cancelled`;
    }
    case "manifests.merged":
      return `🔀 ${release}: ${p.stage?.name ?? "manifests"} merged into ${p.repository?.branch ?? "the target branch"} of ${p.repository?.name ?? "the manifest repository"} at ${(p.sha ?? "").slice(0, 12)} (${p.customers?.length ?? 0} customers)${by}`;
    case "ping":
      return `👋 Runsheet test event`;
    default:
      return `${p.event}: ${release}`;
  }
}
