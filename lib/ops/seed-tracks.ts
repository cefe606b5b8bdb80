import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";

/**
 * Demo approver groups and release tracks (README, "Release tracks"): a standard track for
 * releases — staging → canary (customers labelled wave=canary; QA signs; 24 h soak after it) →
 * production (QA, Product and Security sign) — and a hotfix track: staging → production (the
 * incident commander signs). Its own SQL, like every seed (no "server-only" domain modules).
 * No-op when any approver group exists.
 */
export async function seedDemoTracks(db: Db): Promise<void> {
  const existing = executedRows(await db.execute(sql`select 1 from approver_groups limit 1`));
  if (existing.length) return;
  await db.transaction(async (tx) => {
    const groupId = async (name: string, emails: string[]) => {
      const [row] = executedRows(await tx.execute(sql`insert into approver_groups (name) values (${name}) returning id`));
      const id = Number(row.id);
      for (const email of emails) {
        await tx.execute(sql`insert into approver_group_members (group_id, user_id) select ${id}, id from users where email = ${email}`);
      }
      return id;
    };
    const qa = await groupId("QA", ["qa@runsheet.local"]);
    const product = await groupId("Product", ["product@runsheet.local"]);
    const security = await groupId("Security", ["security@runsheet.local"]);
    const incident = await groupId("Incident commander", ["rm@runsheet.local"]);
    const [staging] = executedRows(await tx.execute(sql`select id from clusters where name = 'staging' and deleted_at is null`));
    const stagingIds = staging ? [Number(staging.id)] : [];

    const track = async (name: string, description: string, defaultFor: "release" | "hotfix", stages: Array<{ name: string; clusterIds?: number[]; label?: [string, string]; groups?: number[]; soakMinutes?: number }>) => {
      const [row] = executedRows(
        await tx.execute(sql`insert into tracks (name, description, default_for) values (${name}, ${description}, ${defaultFor}::release_type) returning id`),
      );
      for (const [i, s] of stages.entries()) {
        await tx.execute(sql`
          insert into track_stages (track_id, position, name, cluster_ids, label_key, label_value, required_group_ids, soak_minutes)
          values (${Number(row.id)}, ${i + 1}, ${s.name}, ${`{${(s.clusterIds ?? []).join(",")}}`}::integer[], ${s.label?.[0] ?? null}, ${s.label?.[1] ?? null},
                  ${`{${(s.groups ?? []).join(",")}}`}::integer[], ${s.soakMinutes ?? 0})
        `);
      }
    };
    await track("Standard release", "Staging first, then the canary wave, then everyone else.", "release", [
      { name: "staging", clusterIds: stagingIds },
      { name: "canary", label: ["wave", "canary"], groups: [qa], soakMinutes: 24 * 60 },
      { name: "production", groups: [qa, product, security] },
    ]);
    await track("Hotfix", "The fast path: staging, then production once the incident commander agrees.", "hotfix", [
      { name: "staging", clusterIds: stagingIds },
      { name: "production", groups: [incident] },
    ]);
  });
}

/**
 * v2.5.0 on the standard track (README): staging done; canary open — opened early by Alex with
 * break glass while staging was being rebuilt (QA had signed off); production waiting, with QA
 * and Product signed off and Security still to sign. The hotfix draft takes the hotfix track.
 * Runs after the release seeds; no-op when v2.5.0 already has stages.
 */
export async function seedDemoStages(db: Db): Promise<void> {
  const [release] = executedRows(await db.execute(sql`select id, activated_at from releases where name = 'v2.5.0' and status = 'active'`));
  const [standard] = executedRows(await db.execute(sql`select id from tracks where default_for = 'release'`));
  if (!release || !standard) return;
  const releaseId = Number(release.id);
  const staged = executedRows(await db.execute(sql`select 1 from release_stages where release_id = ${releaseId}`));
  if (staged.length) return;
  const person = async (email: string) => {
    const [row] = executedRows(await db.execute(sql`select id, name from users where email = ${email}`));
    return row ? { id: Number(row.id), name: String(row.name) } : null;
  };
  const [alex, riley, quinn, parker] = await Promise.all(["admin@runsheet.local", "rm@runsheet.local", "qa@runsheet.local", "product@runsheet.local"].map(person));
  if (!alex || !riley || !quinn || !parker) return;
  const reason = "Staging was being rebuilt; the canary customers asked for the fix early. Agreed with QA.";

  await db.transaction(async (tx) => {
    await tx.execute(sql`update releases set track_id = ${Number(standard.id)} where id = ${releaseId}`);
    await tx.execute(sql`update releases set track_id = (select id from tracks where default_for = 'hotfix') where type = 'hotfix' and status = 'draft'`);
    await tx.execute(sql`
      insert into release_stages (release_id, position, name, cluster_ids, label_key, label_value, required_group_ids, soak_minutes, promoter_may_not_be_only_signer)
      select ${releaseId}, ts.position, ts.name, ts.cluster_ids, ts.label_key, ts.label_value, ts.required_group_ids, ts.soak_minutes, t.promoter_may_not_be_only_signer
      from track_stages ts join tracks t on t.id = ts.track_id where t.id = ${Number(standard.id)}
    `);
    await tx.execute(sql`update release_stages set opened_at = ${release.activated_at as string}::timestamptz, opened_by_id = ${riley.id} where release_id = ${releaseId} and name = 'staging'`);
    await tx.execute(sql`
      update release_stages set opened_at = now() - interval '300 minutes', opened_by_id = ${alex.id}, break_glass_reason = ${reason}
      where release_id = ${releaseId} and name = 'canary'
    `);
    const signed = async (stage: string, group: string, who: { id: number; name: string }, minutesAgo: number, comment: string) => {
      await tx.execute(sql`
        insert into sign_offs (stage_id, group_id, user_id, comment, created_at)
        select rs.id, g.id, ${who.id}, ${comment}, now() - make_interval(mins => ${minutesAgo})
        from release_stages rs, approver_groups g where rs.release_id = ${releaseId} and rs.name = ${stage} and g.name = ${group}
      `);
      await tx.execute(sql`
        insert into audit_log (actor_id, actor_name, action, entity_type, entity_id, summary, after, created_at)
        values (${who.id}, ${who.name}, 'release.sign_off', 'release', ${String(releaseId)}, ${`Signed off ${stage} of "v2.5.0" for ${group}${comment ? `: ${comment}` : ""}`},
                ${JSON.stringify({ stage, group, comment })}::jsonb, now() - make_interval(mins => ${minutesAgo}))
      `);
    };
    await signed("canary", "QA", quinn, 320, "Regression suite green on the staging build");
    await tx.execute(sql`
      insert into audit_log (actor_id, actor_name, action, entity_type, entity_id, summary, after, created_at)
      values (${alex.id}, ${alex.name}, 'release.break_glass', 'release', ${String(releaseId)}, ${`Broke glass: opened canary of "v2.5.0" early: ${reason}`},
              ${JSON.stringify({ stage: "canary", breakGlass: reason })}::jsonb, now() - interval '300 minutes')
    `);
    await signed("production", "QA", quinn, 20, "Canary smoke tests pass");
    await signed("production", "Product", parker, 12, "");
  });
}
