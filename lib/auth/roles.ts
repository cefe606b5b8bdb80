import { roles, type Role } from "@/db/schema/vocabulary";

/** How much each role may do (the set of roles is the vocabulary's; this is its order). */
const power: Record<Role, number> = { viewer: 0, release_manager: 1, admin: 2 };

/** Least to most powerful. */
export const rolesByPower: readonly Role[] = [...roles].sort((a, b) => power[a] - power[b]);

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  release_manager: "Release manager",
  viewer: "Viewer",
};

/** Roles are ordered: an admin may do what a release manager may, who may do what a viewer may. */
export function hasRole(actual: Role, needed: Role): boolean {
  return power[actual] >= power[needed];
}

/** Who is acting: passed explicitly into every domain mutation. */
export type Actor = {
  id: number;
  name: string;
  email: string;
  role: Role;
  /** The session the request came with (server-side only: never sent to the browser). */
  sessionId?: string;
};

/** What a role may do, as flags for pages to decide what to offer (actions check again). */
export type Permissions = {
  /** Execute and customise customer steps, create and activate releases. */
  manageReleases: boolean;
  /** Clusters and customers (the spec's release manager keeps the fleet: US-006, FC-001, FM-001). */
  manageInventory: boolean;
  /** Users and the audit log. */
  admin: boolean;
};

export function permissionsOf(role: Role): Permissions {
  return {
    manageReleases: hasRole(role, "release_manager"),
    manageInventory: hasRole(role, "release_manager"),
    admin: hasRole(role, "admin"),
  };
}

/** The signed-in user as pages see it. */
export type Viewer = Omit<Actor, "sessionId"> & { can: Permissions };
