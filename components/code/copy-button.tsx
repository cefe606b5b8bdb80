"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => {
            setCopied(true);
            toast("Copied to the clipboard");
            setTimeout(() => setCopied(false), 1500);
          },
          () => toast("The browser did not allow copying: select the text and copy it by hand.", "error"),
        );
      }}
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </Button>
  );
}

export function DownloadButton({ text, filename }: { text: string; filename: string }) {
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => {
        const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = filename;
        a.click();
        URL.revokeObjectURL(url);
      }}
    >
      Download
    </Button>
  );
}

/**
 * A downloaded script's name says whose it is ("cust-a-prod-run-migration.sql"), so a file in
 * Downloads cannot be run on the wrong customer by mistake.
 */
export function stepFilename(stepName: string, namespace?: string): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "");
  return [namespace, stepName].filter(Boolean).map((s) => slug(s!)).join("-") || "step";
}
