import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/db/client";
import { clusters, customers, users } from "@/db/schema";
import { seedDemoActivity } from "@/lib/ops/seed-activity";
import { seedDemoReleases } from "@/lib/ops/seed-releases";
import { seedDemoAgents } from "@/lib/ops/seed-agents";
import { seedDemoManifests } from "@/lib/ops/seed-manifests";
import { seedDemoStepStates } from "@/lib/ops/seed-steps";
import { seedDemoStages, seedDemoTracks } from "@/lib/ops/seed-tracks";

/** Demo accounts, for local use only (documented in the README). */
export const demoUsers = [
  { email: "admin@runsheet.local", name: "Alex Admin", role: "admin", password: "admin-demo-pass" },
  { email: "rm@runsheet.local", name: "Riley Release", role: "release_manager", password: "rm-demo-pass" },
  { email: "sam@runsheet.local", name: "Sam Shipper", role: "release_manager", password: "sam-demo-pass" },
  { email: "viewer@runsheet.local", name: "Vic Viewer", role: "viewer", password: "viewer-demo-pass" },
  // Approvers (seed-tracks.ts puts them in their groups): they sign off stages, nothing else.
  { email: "qa@runsheet.local", name: "Quinn QA", role: "viewer", password: "qa-demo-pass" },
  { email: "product@runsheet.local", name: "Parker Product", role: "viewer", password: "product-demo-pass" },
  { email: "security@runsheet.local", name: "Sasha Security", role: "viewer", password: "security-demo-pass" },
] as const;

const demoClusters = [
  {
    name: "prod-us",
    kubeconfigPath: "~/.kube/prod-us-config",
    description: "Production, United States",
    metadata: { region: "us-east-1", api_endpoint: "https://k8s.prod-us.example.com" },
    customers: ["a", "b", "c"],
  },
  {
    name: "prod-eu",
    kubeconfigPath: "~/.kube/prod-eu-config",
    description: "Production, Europe",
    metadata: { region: "eu-west-1", api_endpoint: "https://k8s.prod-eu.example.com" },
    customers: ["d", "e"],
  },
  {
    name: "staging",
    kubeconfigPath: "~/.kube/staging-config",
    description: "Internal staging for demos and pre-release checks",
    metadata: { region: "internal" },
    customers: ["demo"],
  },
] as const;

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(clusters);
  return (row?.n ?? 0) === 0 && (c?.n ?? 0) === 0;
}

/** Seeds clusters, customers and demo users. Later areas add their demo data through `extraSeeds`. */
export async function seedDemoData(db: Db): Promise<void> {
  const hashes = await Promise.all(demoUsers.map((u) => hashPassword(u.password)));
  await db.transaction(async (tx) => {
    await tx.insert(users).values(demoUsers.map((u, i) => ({ email: u.email, name: u.name, role: u.role, passwordHash: hashes[i] })));
    for (const c of demoClusters) {
      const [cluster] = await tx
        .insert(clusters)
        .values({ name: c.name, kubeconfigPath: c.kubeconfigPath, description: c.description, metadata: { ...c.metadata } })
        .returning({ id: clusters.id });
      await tx.insert(customers).values(
        c.customers.map((k) => ({
          clusterId: cluster.id,
          name: k === "demo" ? "demo-customer" : `customer-${k}`,
          namespace: k === "demo" ? "demo-staging" : `cust-${k}-prod`,
          description: k === "demo" ? "Demo tenant for sales walkthroughs" : `Customer ${k.toUpperCase()} production tenant`,
          // customer-c and the demo tenant have no tier: steps using {{ customer.tier }} show "needs a value" for them.
          // Every production customer but customer-c is in the canary wave (the release track's canary stage).
          metadata: (k === "demo" ? {} : k === "c" ? {} : { tier: k === "a" || k === "d" ? "enterprise" : "standard", wave: "canary" }) as Record<string, string>,
        })),
      );
    }
  });
  for (const extra of extraSeeds) await extra(db);
}

/** Hooks for later areas (releases, activity) to add demo data after the base set. */
// seedDemoStepStates puts v2.5.0 (created by seedDemoReleases) into the states of sketch 5.5;
// seedDemoActivity adds the last hour's work by the demo users.
// seedDemoTracks adds approver groups and the release and hotfix tracks first (new releases take
// their type's default track); seedDemoStages then puts v2.5.0 on its stages; seedDemoAgents adds
// the staging agent's token and a draft v2.6.0 whose steps an agent runs; seedDemoManifests a
// manifest repository on disk for the release track, and a YAML step of v2.6.0 published to it.
export const extraSeeds: Array<(db: Db) => Promise<void>> = [seedDemoTracks, seedDemoReleases, seedDemoStepStates, seedDemoActivity, seedDemoStages, seedDemoAgents, seedDemoManifests];

export async function seedDemoDataIfEmpty(db: Db): Promise<boolean> {
  if (process.env.SEED_DEMO === "false") return false;
  if (!(await isEmpty(db))) return false;
  await seedDemoData(db);
  return true;
}
