import type { Role } from "@/lib/auth/roles";

export const roleHelp: Record<Role, string> = {
  viewer: "Reads everything; changes nothing.",
  release_manager: "Runs releases: templates, activation, executing and customising steps.",
  admin: "Everything, including clusters, customers and users.",
};
