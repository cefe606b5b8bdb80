"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createRepositoryAction, updateRepositoryAction } from "@/lib/domain/manifests/actions";
import { defaultPathPattern, pathVariables } from "@/lib/domain/manifests/model/path-pattern";
import type { ManifestRepository } from "@/lib/domain/manifests/types";

type Scopes = { tracks: Array<{ id: number; name: string }>; clusters: Array<{ id: number; name: string }> };

/**
 * Add or edit a manifest repository. Runsheet reaches it before saving (an unreachable URL or a
 * missing branch is said beside its field); the token is sealed and never shown again.
 */
export function RepositoryDialog({ scopes, repository }: { scopes: Scopes; repository?: ManifestRepository }) {
  const router = useRouter();
  const toast = useToast();
  const editing = Boolean(repository);
  return (
    <FormDialog
      trigger={editing ? <Button variant="secondary" size="sm" aria-label={`Edit ${repository!.name}`}>Edit</Button> : <Button>Add repository</Button>}
      title={editing ? `Edit ${repository!.name}` : "Add manifest repository"}
      description="YAML steps in “publish to the manifest repository” mode are written here, one file per customer; Argo CD or Flux applies what is merged to the branch."
      action={editing ? updateRepositoryAction : createRepositoryAction}
      hidden={editing ? { repositoryId: repository!.id } : undefined}
      submitLabel={editing ? "Save" : "Add repository"}
      pendingLabel="Reaching the repository…"
      wide
      onDone={() => {
        toast(editing ? "Repository saved" : "Repository added");
        router.refresh();
      }}
    >
      {({ errorFor, value }) => (
        <>
          <Field id="repo-name" label="Name" error={errorFor("name")} required>
            <Input name="name" autoComplete="off" defaultValue={value("name", repository?.name ?? "")} placeholder="fleet-manifests" />
          </Field>
          <Field id="repo-scope" label="Used for" hint="A cluster's own repository comes before its track's." error={errorFor("scope")} required>
            <Select name="scope" defaultValue={value("scope", repository?.scopeValue ?? "")}>
              <option value="" disabled>
                Choose a track or a cluster
              </option>
              {scopes.tracks.length ? (
                <optgroup label="Release tracks">
                  {scopes.tracks.map((t) => (
                    <option key={`t${t.id}`} value={`track:${t.id}`}>
                      Track: {t.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <optgroup label="Clusters">
                {scopes.clusters.map((c) => (
                  <option key={`c${c.id}`} value={`cluster:${c.id}`}>
                    Cluster: {c.name}
                  </option>
                ))}
              </optgroup>
            </Select>
          </Field>
          <Field id="repo-url" label="Git URL" hint="https://git.example.com/platform/manifests.git — or, to evaluate, file:///srv/manifests.git or an absolute path on the server." error={errorFor("url")} required>
            <Input name="url" autoComplete="off" spellCheck={false} className="font-mono" defaultValue={value("url", repository?.url ?? "")} />
          </Field>
          <Field
            id="repo-token"
            label="Access token"
            hint={repository?.hasToken ? "A token is set; leave blank to keep it. Sealed, never shown again." : "For hosted Git over https (a personal or project access token with write access; user:token also works). Sealed, never shown again."}
            error={errorFor("token")}
          >
            <Input name="token" type="password" autoComplete="new-password" spellCheck={false} />
          </Field>
          {repository?.hasToken ? <CheckboxField id="repo-clear-token" name="clearToken" label="Remove the token" /> : null}
          <Field id="repo-branch" label="Branch GitOps applies" error={errorFor("branch")} required>
            <Input name="branch" autoComplete="off" spellCheck={false} className="font-mono" defaultValue={value("branch", repository?.branch ?? "main")} />
          </Field>
          <Field
            id="repo-pattern"
            label="Path pattern"
            hint={`Where each customer's file goes. ${Object.entries(pathVariables)
              .map(([k, v]) => `{{ ${k} }}: ${v}`)
              .join("; ")}.`}
            error={errorFor("pathPattern")}
            required
          >
            <Input name="pathPattern" autoComplete="off" spellCheck={false} className="font-mono" defaultValue={value("pathPattern", repository?.pathPattern ?? defaultPathPattern)} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
