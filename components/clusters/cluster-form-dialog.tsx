"use client";

import type { ReactElement } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { MetadataEditor } from "@/components/ui/metadata-editor";
import { createCluster, updateCluster } from "@/lib/domain/clusters/actions";
import type { ClusterSummary } from "@/lib/domain/clusters/types";

type Editable = Pick<ClusterSummary, "id" | "name" | "kubeconfigPath" | "description" | "isActive" | "metadata">;

/** Create (no `cluster`) or edit a cluster in a dialog (FC-001, FC-002). */
export function ClusterFormDialog({ cluster, trigger }: { cluster?: Editable; trigger: ReactElement }) {
  return (
    <FormDialog
      trigger={trigger}
      title={cluster ? `Edit ${cluster.name}` : "New cluster"}
      description={cluster ? undefined : "A Kubernetes cluster that hosts customers, one namespace each."}
      action={cluster ? updateCluster : createCluster}
      hidden={cluster ? { id: cluster.id } : undefined}
      submitLabel={cluster ? "Save changes" : "Create cluster"}
    >
      {({ errorFor }) => (
        <>
          <Field id="cluster-name" label="Name" required error={errorFor("name")} hint="For example prod-us or staging-eu.">
            <Input name="name" defaultValue={cluster?.name} autoComplete="off" required maxLength={63} />
          </Field>
          <Field
            id="cluster-kubeconfig"
            label="Kubeconfig path"
            error={errorFor("kubeconfigPath")}
            hint="Optional. Where the kubeconfig for this cluster lives, e.g. ~/.kube/prod-us-config."
          >
            <Input name="kubeconfigPath" defaultValue={cluster?.kubeconfigPath ?? ""} autoComplete="off" className="font-mono" />
          </Field>
          <Field id="cluster-description" label="Description" error={errorFor("description")}>
            <Textarea name="description" defaultValue={cluster?.description} rows={2} />
          </Field>
          <MetadataEditor
            initial={cluster?.metadata ?? {}}
            error={errorFor("metadata")}
            hint={
              <>
                Each key is a variable in step content: <code className="font-mono">region</code> is written{" "}
                <code className="font-mono">{"{{ cluster.region }}"}</code>.
              </>
            }
          />
          <label className="flex items-start gap-2.5 text-sm">
            <input
              type="checkbox"
              name="isActive"
              defaultChecked={cluster?.isActive ?? true}
              className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
            />
            <span>
              <span className="font-medium text-zinc-800 dark:text-zinc-200">Active</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">Inactive clusters keep their customers but get no new release steps.</span>
            </span>
          </label>
        </>
      )}
    </FormDialog>
  );
}
