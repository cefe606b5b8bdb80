import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { stepCategories, type StepCategory } from "@/lib/domain/vocabulary";
import type { TemplateStepView } from "@/lib/domain/templates/types";
import { TemplateList } from "./template-list";

const categoryText: Record<StepCategory, { title: string; description: string }> = {
  deploy: { title: "Deploy steps", description: "Run in order for each customer." },
  verify: { title: "Verify steps", description: "Checks after the deployment." },
};

/** A release's template steps, one card per category (FS-001..FS-004). */
export function TemplateSections({
  releaseId,
  steps,
  editable,
  releaseActive,
}: {
  releaseId: number;
  steps: Record<StepCategory, TemplateStepView[]>;
  editable: boolean;
  releaseActive: boolean;
}) {
  return (
    <>
      {stepCategories.map((category) => (
        <Card key={category} aria-labelledby={`${category}-heading`}>
          <CardHeader
            title={
              <span id={`${category}-heading`}>
                {categoryText[category].title} <span className="font-normal text-zinc-500 dark:text-zinc-400">({steps[category].length})</span>
              </span>
            }
            description={categoryText[category].description}
            actions={
              editable ? (
                <ButtonLink href={`/releases/${releaseId}/templates/new?category=${category}`} size="sm" variant="secondary">
                  Add {category} step
                </ButtonLink>
              ) : null
            }
          />
          {steps[category].length ? (
            <TemplateList releaseId={releaseId} category={category} steps={steps[category]} editable={editable} releaseActive={releaseActive} />
          ) : (
            <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">No {category} steps yet.</p>
          )}
        </Card>
      ))}
    </>
  );
}
