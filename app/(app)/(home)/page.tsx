import type { Metadata } from "next";
import { ActiveReleases } from "@/components/dashboard/active-releases";
import { AwaitingSignOffCard } from "@/components/dashboard/awaiting-sign-off";
import { ClustersCard } from "@/components/dashboard/clusters-card";
import { QuickStats } from "@/components/dashboard/quick-stats";
import { RecentActivity } from "@/components/dashboard/recent-activity";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { loadDashboard } from "@/lib/domain/dashboard/loaders";
import { LiveRefresh } from "@/components/live/live-provider";

export const metadata: Metadata = { title: "Dashboard" };

/** FV-001 (sketch 5.2): active releases, clusters, quick stats and recent activity. */
export default async function DashboardPage() {
  const { can, releases, stats, clusters, activity, signOffs } = await loadDashboard();
  const canCreate = can.manageReleases;
  return (
    <>
      <LiveRefresh delayMs={1000} />
      <PageHeader
        title="Dashboard"
        description="Where every customer stands in the releases under way."
        actions={canCreate ? <ButtonLink href="/releases/new">+ Release</ButtonLink> : null}
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <AwaitingSignOffCard items={signOffs} />
          <ActiveReleases releases={releases} canCreate={canCreate} />
          <RecentActivity items={activity} />
        </div>
        <div className="space-y-6">
          <QuickStats stats={stats} />
          <ClustersCard clusters={clusters} canManage={can.manageInventory} />
        </div>
      </div>
    </>
  );
}
