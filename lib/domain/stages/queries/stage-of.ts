import { sql, type SQL } from "drizzle-orm";

/**
 * Which stage a customer belongs to, in one place for every reader and every gate. A stage
 * selects customers by cluster and/or one metadata label (both must hold when both are set); a
 * customer that several stages select belongs to the first; one that no stage selects, to the
 * last. Computed from the customer as it is now, so a customer moved to another cluster (or
 * relabelled) mid-release is gated by the stage it is in today.
 *
 * `stage` and `customer` are SQL aliases (e.g. sql`rs`, sql`c`): the stage row has cluster_ids,
 * label_key, label_value; the customer row cluster_id and metadata.
 */
export const stageSelects = (stage: SQL, customer: SQL) => sql`(
  (cardinality(${stage}.cluster_ids) > 0 or ${stage}.label_key is not null)
  and (cardinality(${stage}.cluster_ids) = 0 or ${customer}.cluster_id = any(${stage}.cluster_ids))
  and (${stage}.label_key is null or ${customer}.metadata ->> ${stage}.label_key = ${stage}.label_value))`;

/** The id of the release stage a customer is in (null when the release has no stages). */
export const releaseStageIdOf = (releaseId: SQL, customer: SQL) => sql`(
  select rs.id from release_stages rs where rs.release_id = ${releaseId}
  order by case when ${stageSelects(sql`rs`, customer)} then rs.position else 2147483647 end, rs.position desc
  limit 1)`;

/**
 * The gate every status change passes (done, skip, un-skip, revert; one or many): the customer's
 * stage is open, or the release has no stages. A condition on customer_steps `s` joined to its
 * customer `c`.
 */
export const stageOpen = (step: SQL, customer: SQL) => sql`not exists (
  select 1 from release_stages gate where gate.id = ${releaseStageIdOf(sql`${step}.release_id`, customer)} and gate.opened_at is null)`;
