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
export type Actor = { id: number; name: string; email: string; role: Role };
