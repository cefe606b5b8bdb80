import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";

/** The release page's way to the manifests page, when some step is published to a manifest repository. */
export function ManifestsCard({ releaseId, steps, active }: { releaseId: number; steps: number; active: boolean }) {
  if (steps === 0) return null;
  return (
    <Card aria-labelledby="manifests-title">
      <CardHeader
        title={<span id="manifests-title">Manifest repository</span>}
        description={`${steps} YAML step${steps === 1 ? " is" : "s are"} carried out by GitOps: published per stage, merged after someone else's review.`}
        actions={
          <ButtonLink href={`/releases/${releaseId}/manifests`} variant="secondary" size="sm">
            {active ? "Publish and review" : "Open"}
          </ButtonLink>
        }
      />
    </Card>
  );
}
