export const roles = ["viewer", "release_manager", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  release_manager: "Release manager",
  viewer: "Viewer",
};

/** Roles are ordered: an admin may do what a release manager may, who may do what a viewer may. */
export function hasRole(actual: Role, needed: Role): boolean {
  return roles.indexOf(actual) >= roles.indexOf(needed);
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
  /** Clusters and customers. */
  manageInventory: boolean;
  /** Users and the audit log. */
  admin: boolean;
};

export function permissionsOf(role: Role): Permissions {
  return {
    manageReleases: hasRole(role, "release_manager"),
    manageInventory: hasRole(role, "admin"),
    admin: hasRole(role, "admin"),
  };
}

/** The signed-in user as pages see it. */
export type Viewer = Omit<Actor, "sessionId"> & { can: Permissions };
