import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { auditEntityTypes } from "@/lib/domain/audit/types";

export type AuditSearch = { actor?: string; entity?: string; action?: string; from?: string; to?: string };

const label = "mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400";

/** A plain GET form: the filters live in the URL, so a filtered view can be shared or bookmarked. */
export function AuditFilters({ search, actors, actions }: { search: AuditSearch; actors: Array<{ id: number; name: string }>; actions: string[] }) {
  const active = Object.values(search).some(Boolean);
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
      <div>
        <label htmlFor="f-actor" className={label}>Actor</label>
        <Select id="f-actor" name="actor" defaultValue={search.actor ?? ""} className="w-44">
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="f-entity" className={label}>Entity</label>
        <Select id="f-entity" name="entity" defaultValue={search.entity ?? ""} className="w-40">
          <option value="">Any entity</option>
          {Object.entries(auditEntityTypes).map(([value, text]) => (
            <option key={value} value={value}>{text}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="f-action" className={label}>Action</label>
        <Select id="f-action" name="action" defaultValue={search.action ?? ""} className="w-48">
          <option value="">Any action</option>
          {(search.action && !actions.includes(search.action) ? [search.action, ...actions] : actions).map((a) => (
            <option key={a} value={a}>{a}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="f-from" className={label}>From</label>
        <Input id="f-from" name="from" type="date" defaultValue={search.from ?? ""} className="w-40" />
      </div>
      <div>
        <label htmlFor="f-to" className={label}>To</label>
        <Input id="f-to" name="to" type="date" defaultValue={search.to ?? ""} className="w-40" />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">Apply</Button>
        {active ? <ButtonLink href="/audit" variant="ghost">Clear</ButtonLink> : null}
      </div>
    </form>
  );
}
