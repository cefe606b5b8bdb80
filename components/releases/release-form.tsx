"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { formLevelMessage } from "@/components/ui/checkbox-field";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { MetadataEditor } from "@/components/ui/metadata-editor";
import { useActionForm } from "@/components/ui/use-action-form";
import { cn } from "@/lib/cn";
import { createReleaseAction, updateReleaseAction } from "@/lib/domain/releases/actions";
import { releaseTypeLabels } from "@/lib/domain/releases/model/rules";
import { releaseTypes, type ReleaseType } from "@/lib/domain/vocabulary";
import type { TrackOption } from "@/lib/domain/tracks/types";

export type ReleaseFormValues = {
  id?: number;
  type: ReleaseType;
  name: string;
  description: string;
  versionNumber: string | null;
  releaseDate: string | null;
  metadata: Record<string, string>;
  updatedAt?: string;
  /** Active releases keep their type (and their track). */
  typeLocked?: boolean;
  trackId?: number | null;
};

const typeHelp: Record<ReleaseType, string> = {
  onboarding: "Set up one or more new customers.",
  release: "A versioned rollout to every customer.",
  hotfix: "A small, urgent fix, often for a few customers.",
};

export function ReleaseForm({ initial, tracks }: { initial?: ReleaseFormValues; tracks: TrackOption[] }) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const { formAction, pending, failure, errorFor, value, formKey } = useActionForm(
    editing ? updateReleaseAction : createReleaseAction,
    (data) => router.push(`/releases/${data.id}`),
  );
  const [type, setType] = useState<ReleaseType>((value("type", initial?.type ?? "release") as ReleaseType) || "release");

  return (
    <form key={formKey} action={formAction} className="max-w-2xl space-y-5" noValidate>
      {formLevelMessage(failure) ? <Alert tone="error">{formLevelMessage(failure)}</Alert> : null}
      {initial?.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {initial?.updatedAt ? <input type="hidden" name="expectedUpdatedAt" value={initial.updatedAt} /> : null}

      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Type<span className="ml-0.5 text-red-600" aria-hidden>*</span>
        </legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {releaseTypes.map((t) => (
            <label
              key={t}
              className={cn(
                "flex cursor-pointer flex-col rounded-lg border px-3 py-2.5 text-sm shadow-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
                type === t
                  ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500 dark:bg-brand-500/10"
                  : "border-zinc-300 bg-white hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800",
                initial?.typeLocked && type !== t && "cursor-not-allowed opacity-50",
              )}
            >
              <span className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                <input
                  type="radio"
                  name="type"
                  value={t}
                  checked={type === t}
                  disabled={initial?.typeLocked && type !== t}
                  onChange={() => setType(t)}
                  className="accent-brand-600"
                />
                {releaseTypeLabels[t]}
              </span>
              <span className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{typeHelp[t]}</span>
            </label>
          ))}
        </div>
        {initial?.typeLocked ? <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">The type is fixed once a release is active.</p> : null}
        {errorFor("type") ? (
          <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {errorFor("type")![0]}
          </p>
        ) : null}
      </fieldset>

      <TrackSelect tracks={tracks} type={type} initial={initial} error={errorFor("track")} echoed={failure?.values?.track} />

      <Field id="name" label="Name" required error={errorFor("name")} hint="Unique, e.g. “v2.5.0” or “Onboarding ACME”.">
        <Input name="name" defaultValue={value("name", initial?.name)} autoComplete="off" />
      </Field>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          id="versionNumber"
          label="Version"
          required={type === "release"}
          error={errorFor("versionNumber")}
          hint={type === "release" ? "Required for releases, e.g. v2.5.0." : "Optional, e.g. v2.5.1."}
        >
          <Input name="versionNumber" defaultValue={value("versionNumber", initial?.versionNumber)} placeholder="v2.5.0" className="font-mono" />
        </Field>
        <Field id="releaseDate" label="Target date" error={errorFor("releaseDate")}>
          <Input type="date" name="releaseDate" defaultValue={value("releaseDate", initial?.releaseDate)} />
        </Field>
      </div>

      <Field
        id="description"
        label="Release notes"
        error={errorFor("description")}
        hint="Plain text. Lines starting with “- ” become a list; **bold** and `code` are shown formatted."
      >
        <Textarea name="description" rows={7} defaultValue={value("description", initial?.description)} />
      </Field>

      <MetadataEditor
        initial={initial?.metadata ?? {}}
        error={errorFor("metadata")}
        suggestions={["jira", "owner"]}
        legend="Variables"
        hint={
          <>
            Each key is a variable in step content: <code className="font-mono">image_tag</code> is written{" "}
            <code className="font-mono">{"{{ release.image_tag }}"}</code>.
          </>
        }
      />

      <div className="flex gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save changes" : "Create release"}
        </Button>
        <ButtonLink href={initial?.id ? `/releases/${initial.id}` : "/releases"} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}

/**
 * The rollout track: by default the one the type starts on; another, or none, may be picked
 * until the release is activated (its stages are copied then).
 */
function TrackSelect({ tracks, type, initial, error, echoed }: { tracks: TrackOption[]; type: ReleaseType; initial?: ReleaseFormValues; error?: string[]; echoed?: string }) {
  const fallback = initial?.id ? (initial.trackId ? String(initial.trackId) : "none") : "";
  const [choice, setChoice] = useState(echoed ?? fallback);
  const byDefault = tracks.find((t) => t.defaultFor === type);
  const stagesOf = (t: TrackOption) => t.stageNames.join(" → ");
  if (initial?.typeLocked) {
    const current = tracks.find((t) => t.id === initial.trackId);
    return (
      <div className="text-sm">
        <p className="font-medium text-zinc-800 dark:text-zinc-200">Track</p>
        <p className="mt-1 text-zinc-700 dark:text-zinc-300">{current ? `${current.name} (${stagesOf(current)})` : "No stages"}</p>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">The track is fixed once a release is active: its stages were set at activation.</p>
      </div>
    );
  }
  if (tracks.length === 0) return null;
  const picked = choice === "" ? byDefault : tracks.find((t) => String(t.id) === choice);
  return (
    <Field
      id="track"
      label="Track"
      error={error}
      hint={picked ? `Stages: ${stagesOf(picked)}. Customers of a stage wait until it is promoted.` : "No stages: every customer's steps can be worked from activation."}
    >
      <Select name="track" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{byDefault ? `Default for this type: ${byDefault.name}` : "Default for this type: no stages"}</option>
        {tracks.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.name} ({stagesOf(t)})
          </option>
        ))}
        <option value="none">No stages (every customer at once)</option>
      </Select>
    </Field>
  );
}
