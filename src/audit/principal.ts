import { z } from "zod";

/** Auditor roles: `auditor` reads, searches, flags and exports; `admin` may also take down and erase. */
export const RoleSchema = z.enum(["auditor", "admin"]);
export type Role = z.infer<typeof RoleSchema>;

/** Whoever a valid token or session belongs to. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

export function hasRole(p: Principal, needed: Role): boolean {
  return needed === "auditor" || p.role === "admin";
}
