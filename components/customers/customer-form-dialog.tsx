"use client";

import { useState, type ReactElement } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Select, Textarea } from "@/components/ui/input";
import { MetadataEditor } from "@/components/ui/metadata-editor";
import type { ActionResult } from "@/lib/domain/action-result";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import { createCustomer, updateCustomer } from "@/lib/domain/customers/actions";
import type { CustomerSummary } from "@/lib/domain/customers/types";

type Editable = Pick<CustomerSummary, "id" | "name" | "namespace" | "description" | "metadata" | "cluster">;

/** Add (no `customer`) or edit a customer, including moving it to another cluster (FM-001, FM-002). */
export function CustomerFormDialog({
  customer,
  clusters,
  defaultClusterId,
  trigger,
}: {
  customer?: Editable;
  clusters: ClusterOption[];
  defaultClusterId?: number;
  trigger: ReactElement;
}) {
  const initialCluster = String(customer?.cluster.id ?? defaultClusterId ?? "");
  const [clusterId, setClusterId] = useState(initialCluster);
  const action: (input: FormData) => Promise<ActionResult<{ id: number }>> = customer ? updateCustomer : createCustomer;
  const from = customer?.cluster;
  const to = clusters.find((c) => String(c.id) === clusterId);
  const moving = Boolean(from && to && to.id !== from.id);
  // An archived customer may still sit on a deleted cluster; list it so the select shows the truth.
  const options = from && !clusters.some((c) => c.id === from.id) ? [{ id: from.id, name: `${from.name} (deleted)`, isActive: false, kubeconfigPath: null }, ...clusters] : clusters;

  return (
    <FormDialog
      trigger={trigger}
      title={customer ? `Edit ${customer.name}` : "New customer"}
      description={customer ? undefined : "A tenant deployed in one namespace of one cluster."}
      action={action}
      hidden={customer ? { id: customer.id } : undefined}
      submitLabel={moving ? `Move to ${to?.name} and save` : customer ? "Save changes" : "Add customer"}
      onOpenChange={(open) => {
        if (open) setClusterId(initialCluster);
      }}
    >
      {({ errorFor }) => (
        <>
          <Field id="customer-name" label="Name" required error={errorFor("name")}>
            <Input name="name" defaultValue={customer?.name} autoComplete="off" required maxLength={100} />
          </Field>
          <Field id="customer-cluster" label="Cluster" required error={errorFor("clusterId")}>
            <Select name="clusterId" value={clusterId} onChange={(e) => setClusterId(e.target.value)} required>
              {customer ? null : (
                <option value="" disabled>
                  Choose a cluster…
                </option>
              )}
              {options.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.isActive ? "" : " (inactive)"}
                </option>
              ))}
            </Select>
          </Field>
          {moving && from && to ? (
            <Alert tone="warning" title={`Moving ${customer?.name} from ${from.name} to ${to.name}`}>
              This changes the context its steps run in: scripts will run against <strong>{to.name}</strong>
              {to.kubeconfigPath ? (
                <>
                  {" "}
                  (<code className="font-mono text-xs">{to.kubeconfigPath}</code>)
                </>
              ) : null}{" "}
              instead of <strong>{from.name}</strong>
              {from.kubeconfigPath ? (
                <>
                  {" "}
                  (<code className="font-mono text-xs">{from.kubeconfigPath}</code>)
                </>
              ) : null}
              . Check its pending steps in active releases before running them.
            </Alert>
          ) : null}
          <Field
            id="customer-namespace"
            label="Namespace"
            required
            error={errorFor("namespace")}
            hint="Kubernetes namespace: lowercase letters, digits and '-', starting and ending with a letter or digit (63 at most)."
          >
            <Input
              name="namespace"
              defaultValue={customer?.namespace}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={63}
              className="font-mono"
              placeholder="cust-acme-prod"
            />
          </Field>
          <Field id="customer-description" label="Description" error={errorFor("description")}>
            <Textarea name="description" defaultValue={customer?.description} rows={2} />
          </Field>
          <MetadataEditor
            initial={customer?.metadata ?? {}}
            error={errorFor("metadata")} suggestions={["tier"]}
            hint={
              <>
                Each key is a variable in step content: <code className="font-mono">tier</code> is written{" "}
                <code className="font-mono">{"{{ customer.tier }}"}</code>.
              </>
            }
          />
        </>
      )}
    </FormDialog>
  );
}
