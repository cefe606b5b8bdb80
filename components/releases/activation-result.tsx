import { Alert } from "@/components/ui/alert";
import { plural } from "@/lib/plural";

/** What an activation created, said once on the release page it lands on. */
export function ActivationResult({ steps, customers, clusters }: { steps: number; customers: number; clusters: number }) {
  return (
    <Alert tone="success" title="Release activated">
      Created <strong data-testid="steps-created">{plural(steps, "customer step")}</strong> for {plural(customers, "customer")} in {plural(clusters, "cluster")}.
    </Alert>
  );
}
