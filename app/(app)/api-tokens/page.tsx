import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenDialog } from "@/components/api-tokens/create-token-dialog";
import { TokensTable } from "@/components/api-tokens/tokens-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AdminTabs } from "@/components/shell/admin-tabs";
import { loadApiTokensPage } from "@/lib/domain/api-tokens/loaders";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const { tokens, people, origin } = await loadApiTokensPage();
  const live = tokens.filter((t) => t.status === "active").length;
  return (
    <>
      <AdminTabs />
      <PageHeader
        title="API tokens"
        description={`${live} active ${live === 1 ? "token" : "tokens"}. CI jobs and scripts use a token to read a release's status and mark customer steps done, with the same rules as the app.`}
        actions={<CreateTokenDialog people={people} origin={origin} />}
      />
      <Card>
        <TokensTable tokens={tokens} />
      </Card>
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
        The API is described in{" "}
        <Link href="/api/v1/openapi.json" className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300" prefetch={false}>
          OpenAPI
        </Link>{" "}
        (import it into Postman or a client generator); the README has curl examples for Jenkins and GitLab.
      </p>
    </>
  );
}
