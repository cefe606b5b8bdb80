import Link from "next/link";
import { ReleaseNotes } from "@/components/releases/release-notes";
import { Badge, type Tone } from "@/components/ui/badge";
import type { MatrixRelease } from "@/lib/domain/matrix/types";
import { Day } from "@/components/ui/time";

const typeLabels = { onboarding: "Onboarding", release: "Regular release", hotfix: "Hotfix" } as const;
const typeTones: Record<MatrixRelease["type"], Tone> = { onboarding: "violet", release: "brand", hotfix: "red" };
const statusTones: Record<MatrixRelease["status"], Tone> = { draft: "neutral", active: "green", archived: "neutral" };

export const releaseTitle = (r: MatrixRelease) => (r.versionNumber && r.versionNumber !== r.name ? `${r.name} (${r.versionNumber})` : r.name);

/** Release name, type, status, version and date (sketch 5.5's header). */
export function ReleaseHeader({ release, title, back }: { release: MatrixRelease; title?: string; back?: { href: string; label: string } }) {
  return (
    <header className="mb-5">
      <p className="mb-1 text-sm text-zinc-500 dark:text-zinc-400">
        <Link prefetch={false} href={back?.href ?? `/releases/${release.id}`} className="hover:underline">
          ← {back?.label ?? "Release overview"}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{title ?? `Release: ${releaseTitle(release)}`}</h1>
      {title ? (
        // A page about one step of the release: the release's facts are context, said once, quietly.
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          In{" "}
          <Link prefetch={false} href={`/releases/${release.id}`} className="font-medium text-zinc-800 hover:underline dark:text-zinc-200">
            {releaseTitle(release)}
          </Link>{" "}
          · {typeLabels[release.type]} · {release.status}
        </p>
      ) : null}
      <dl className={title ? "sr-only" : "mt-2 flex flex-wrap items-center gap-x-5 gap-y-1.5 text-sm"}>
        <Fact label="Type">
          <Badge tone={typeTones[release.type]}>{typeLabels[release.type]}</Badge>
        </Fact>
        <Fact label="Status">
          <Badge tone={statusTones[release.status]}>{release.status[0].toUpperCase() + release.status.slice(1)}</Badge>
        </Fact>
        {release.versionNumber ? (
          <Fact label="Version">
            <span className="font-mono text-[13px]">{release.versionNumber}</span>
          </Fact>
        ) : null}
        {release.releaseDate ? (
          <Fact label="Target date">
            <Day value={release.releaseDate} />
          </Fact>
        ) : null}
      </dl>
      {release.description && !title ? (
        // The notes are the overview's business; here they stay one click away, formatted.
        <details className="group mt-2 max-w-3xl">
          <summary className="w-fit cursor-pointer rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            Release notes
          </summary>
          <div className="mt-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <ReleaseNotes text={release.description} />
          </div>
        </details>
      ) : null}
    </header>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-1.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}:</dt>
      <dd className="flex items-center font-medium text-zinc-800 dark:text-zinc-200">{children}</dd>
    </div>
  );
}
