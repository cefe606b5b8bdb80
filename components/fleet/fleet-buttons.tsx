"use client";

import { useTransition } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import { exportFleetAction } from "@/lib/domain/fleet/actions";

/** Export fleet (everyone who sees clusters) and Import fleet (those who manage them). */
export function FleetButtons({ canImport }: { canImport: boolean }) {
  const [pending, start] = useTransition();
  const toast = useToast();
  const download = () =>
    start(async () => {
      const result = await callAction(exportFleetAction, {});
      if (!result.ok) {
        toast(result.message, "error");
        return;
      }
      const url = URL.createObjectURL(new Blob([result.data.yaml], { type: "application/yaml" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = result.data.filename;
      a.click();
      URL.revokeObjectURL(url);
    });
  return (
    <>
      <Button variant="ghost" onClick={download} disabled={pending}>
        {pending ? "Exporting…" : "Export fleet"}
      </Button>
      {canImport ? (
        <ButtonLink href="/clusters/import" variant="secondary">
          Import fleet
        </ButtonLink>
      ) : null}
    </>
  );
}
