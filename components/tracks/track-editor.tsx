"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { formLevelMessage } from "@/components/ui/checkbox-field";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/domain/action-result";
import { releaseTypeLabels } from "@/lib/domain/releases/model/rules";
import { createTrackAction, deleteTrackAction, updateTrackAction } from "@/lib/domain/tracks/actions";
import type { ApproverGroup, Track } from "@/lib/domain/tracks/types";
import { releaseTypes } from "@/lib/domain/vocabulary";

type StageDraft = { key: number; name: string; clusterIds: number[]; labelKey: string; labelValue: string; requiredGroupIds: number[]; soakHours: string };

let nextKey = 1;
const blank = (name = ""): StageDraft => ({ key: nextKey++, name, clusterIds: [], labelKey: "", labelValue: "", requiredGroupIds: [], soakHours: "0" });

/**
 * An admin defines a track: its stages in order, what each holds (clusters and/or one label), the
 * sign-offs required to enter it and the soak after it. Sent as one object to one action; errors
 * come back per stage field ("stages.1.labelValue") and are shown beside it.
 */
export function TrackEditor({ track, groups, clusters }: { track: Track | null; groups: ApproverGroup[]; clusters: Array<{ id: number; name: string }> }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(track?.name ?? "");
  const [description, setDescription] = useState(track?.description ?? "");
  const [defaultFor, setDefaultFor] = useState<string>(track?.defaultFor ?? "");
  const [segregation, setSegregation] = useState(track?.promoterMayNotBeOnlySigner ?? true);
  const [waived, setWaived] = useState(track?.agentReviewWaived ?? false);
  const [stages, setStages] = useState<StageDraft[]>(
    track
      ? track.stages.map((s) => ({ key: nextKey++, name: s.name, clusterIds: s.clusterIds, labelKey: s.labelKey ?? "", labelValue: s.labelValue ?? "", requiredGroupIds: s.requiredGroupIds, soakHours: String(s.soakMinutes / 60) }))
      : [blank("staging"), blank("production")],
  );
  const [failure, setFailure] = useState<Extract<ActionResult<unknown>, { ok: false }> | null>(null);
  const [pending, start] = useTransition();
  const errorFor = (path: string) => failure?.fieldErrors?.[path];
  const update = (key: number, change: Partial<StageDraft>) => setStages((all) => all.map((s) => (s.key === key ? { ...s, ...change } : s)));
  const move = (i: number, by: number) =>
    setStages((all) => {
      const next = [...all];
      const [s] = next.splice(i, 1);
      next.splice(i + by, 0, s);
      return next;
    });
  const toggle = (list: number[], id: number) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const save = () =>
    start(async () => {
      const input = {
        name,
        description,
        defaultFor,
        promoterMayNotBeOnlySigner: segregation,
        agentReviewWaived: waived,
        stages: stages.map(({ key: _key, soakHours, ...s }) => ({ ...s, soakHours: soakHours.trim() === "" ? 0 : soakHours })),
      };
      const result = track ? await callAction(updateTrackAction, { ...input, id: track.id }) : await callAction(createTrackAction, input);
      if (!result.ok) {
        setFailure(result);
        return;
      }
      toast(track ? `Track “${name}” saved` : `Track “${name}” created`);
      router.push("/tracks");
    });

  return (
    <form
      className="max-w-4xl space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {formLevelMessage(failure) ? <Alert tone="error">{formLevelMessage(failure)}</Alert> : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="track-name" label="Name" required error={errorFor("name")}>
          <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="track-default" label="Default for" error={errorFor("defaultFor")} hint="New releases of this type start on this track (one track per type).">
          <Select value={defaultFor} onChange={(e) => setDefaultFor(e.target.value)}>
            <option value="">No release type</option>
            {releaseTypes.map((t) => (
              <option key={t} value={t}>
                {releaseTypeLabels[t]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id="track-description" label="Description" error={errorFor("description")}>
        <Textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <label className="flex items-start gap-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" checked={segregation} onChange={(e) => setSegregation(e.target.checked)} className="mt-0.5 size-4 accent-brand-600" />
        <span>
          Segregation of duties
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">Whoever promotes a stage may not be the only person who signed it off.</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" checked={waived} onChange={(e) => setWaived(e.target.checked)} className="mt-0.5 size-4 accent-brand-600" />
        <span>
          Agent steps may run without a second reviewer
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
            Off by default: code an agent runs unattended is read by someone other than its author first. Applies to releases activated on this track from now on; the change is in the audit log.
          </span>
        </span>
      </label>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Stages, in order</legend>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          A stage holds the customers of its clusters and/or with its label (both when both are set). A customer that several stages hold belongs to the first; one that
          none holds, to the last stage.
        </p>
        {errorFor("stages") ? <p className="text-xs font-medium text-red-600 dark:text-red-400">{errorFor("stages")?.[0]}</p> : null}
        {stages.map((s, i) => {
          const at = (field: string) => `stages.${i}.${field}`;
          const id = (field: string) => `stage-${s.key}-${field}`;
          return (
            <Card key={s.key} aria-label={`Stage ${i + 1}`} data-testid="stage-editor" className="space-y-4 p-4">
              <div className="flex flex-wrap items-end gap-3">
                <div className="min-w-48 flex-1">
                  <Field id={id("name")} label={`Stage ${i + 1} name`} required error={errorFor(at("name"))}>
                    <Input value={s.name} onChange={(e) => update(s.key, { name: e.target.value })} autoComplete="off" />
                  </Field>
                </div>
                <div className="w-36">
                  <Field id={id("soak")} label="Soak after it (h)" error={errorFor(at("soakHours"))}>
                    <Input inputMode="decimal" value={s.soakHours} onChange={(e) => update(s.key, { soakHours: e.target.value })} />
                  </Field>
                </div>
                <div className="flex gap-1">
                  <Button type="button" size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move stage ${i + 1} up`}>
                    ↑
                  </Button>
                  <Button type="button" size="sm" variant="ghost" disabled={i === stages.length - 1} onClick={() => move(i, 1)} aria-label={`Move stage ${i + 1} down`}>
                    ↓
                  </Button>
                  <Button type="button" size="sm" variant="ghost" disabled={stages.length === 1} onClick={() => setStages((all) => all.filter((x) => x.key !== s.key))} aria-label={`Remove stage ${i + 1}`}>
                    Remove
                  </Button>
                </div>
              </div>
              <div className="grid gap-4 md:grid-cols-3">
                <fieldset>
                  <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Clusters</legend>
                  <div className="max-h-40 space-y-1 overflow-y-auto">
                    {clusters.map((c) => (
                      <label key={c.id} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
                        <input type="checkbox" checked={s.clusterIds.includes(c.id)} onChange={() => update(s.key, { clusterIds: toggle(s.clusterIds, c.id) })} className="size-4 accent-brand-600" />
                        {c.name}
                      </label>
                    ))}
                  </div>
                  {errorFor(at("clusterIds")) ? <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errorFor(at("clusterIds"))?.[0]}</p> : null}
                </fieldset>
                <div className="space-y-2">
                  <Field id={id("labelKey")} label="Label key" error={errorFor(at("labelKey"))} hint="A customer metadata key, e.g. wave.">
                    <Input value={s.labelKey} onChange={(e) => update(s.key, { labelKey: e.target.value })} className="font-mono" autoComplete="off" />
                  </Field>
                  <Field id={id("labelValue")} label="Label value" error={errorFor(at("labelValue"))}>
                    <Input value={s.labelValue} onChange={(e) => update(s.key, { labelValue: e.target.value })} className="font-mono" autoComplete="off" />
                  </Field>
                </div>
                <fieldset>
                  <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Sign-offs to enter it</legend>
                  {groups.length === 0 ? <p className="text-xs text-zinc-600 dark:text-zinc-400">No approver groups yet (Users page).</p> : null}
                  <div className="space-y-1">
                    {groups.map((g) => (
                      <label key={g.id} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
                        <input
                          type="checkbox"
                          checked={s.requiredGroupIds.includes(g.id)}
                          onChange={() => update(s.key, { requiredGroupIds: toggle(s.requiredGroupIds, g.id) })}
                          className="size-4 accent-brand-600"
                        />
                        {g.name}
                      </label>
                    ))}
                  </div>
                  {errorFor(at("requiredGroupIds")) ? <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errorFor(at("requiredGroupIds"))?.[0]}</p> : null}
                </fieldset>
              </div>
            </Card>
          );
        })}
        <Button type="button" variant="secondary" size="sm" onClick={() => setStages((all) => [...all, blank()])} disabled={stages.length >= 12}>
          + Stage
        </Button>
      </fieldset>

      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : track ? "Save track" : "Create track"}
        </Button>
        <ButtonLink href="/tracks" variant="secondary">
          Cancel
        </ButtonLink>
        {track ? (
          <span className="ml-auto">
            <ConfirmDialog
              trigger={
                <Button type="button" variant="ghost">
                  Delete track
                </Button>
              }
              title={`Delete “${track.name}”?`}
              confirmLabel="Delete track"
              onConfirm={() => deleteTrackAction({ id: track.id })}
              onDone={() => {
                toast(`Track “${track.name}” deleted`);
                router.push("/tracks");
              }}
            >
              <p>Releases already active keep the stages they were activated with. Drafts on this track will have no stages until another is picked.</p>
            </ConfirmDialog>
          </span>
        ) : null}
      </div>
    </form>
  );
}
