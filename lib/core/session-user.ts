import type { Viewer } from "./viewer";

/** The signed-in user as every page, action and handler sees it (from the JWT, confirmed by Redis). */
export type Role = "recipient" | "courier" | "admin";

type SessionBase = { jti: string; userId: string };
/** A recipient belongs to no carrier; `phoneHash` is the ownership key that matches their parcels. */
export type RecipientUser = SessionBase & { role: "recipient"; carrierId: null; phoneHash: string | null };
/** Couriers and admins always belong to a carrier, so their `carrierId` needs no check. */
export type StaffUser = SessionBase & { role: "courier" | "admin"; carrierId: string; phoneHash: null };
export type SessionUser = RecipientUser | StaffUser;

/** The user type a list of roles admits: `UserWithRole<"admin">` has a `carrierId: string`. */
export type UserWithRole<R extends Role> = R extends "recipient" ? RecipientUser : StaffUser & { role: R };

export function hasRole<R extends Role>(user: SessionUser, roles: readonly R[]): user is UserWithRole<R> {
  return (roles as readonly Role[]).includes(user.role);
}

/** A session user from stored fields; a courier or admin without a carrier is no valid session. */
export function sessionUserOf(fields: {
  jti: string;
  userId: string;
  role: Role;
  carrierId: string | null;
  phoneHash: string | null;
}): SessionUser | null {
  const { jti, userId, role, carrierId, phoneHash } = fields;
  if (role === "recipient") return { jti, userId, role, carrierId: null, phoneHash };
  return carrierId ? { jti, userId, role, carrierId, phoneHash: null } : null;
}

/** The parcel resolver's viewer for a signed-in user; a recipient without a verified phone owns nothing. */
export function viewerOf(user: SessionUser | null): Viewer {
  if (!user) return { kind: "anonymous" };
  if (user.role !== "recipient") return { kind: user.role, userId: user.userId, carrierId: user.carrierId };
  return user.phoneHash ? { kind: "recipient", userId: user.userId, phoneHash: user.phoneHash } : { kind: "anonymous" };
}
