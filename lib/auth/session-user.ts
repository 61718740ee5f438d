import type { Viewer } from "@/lib/parcels/viewer";

/** The signed-in user as every page, action and handler sees it (from the JWT, confirmed by Redis). */
export type Role = "recipient" | "courier" | "admin";

export type SessionUser = {
  jti: string;
  userId: string;
  role: Role;
  carrierId: string | null;
  /** Recipients only: the ownership key that matches their parcels. */
  phoneHash: string | null;
};

/** The parcel resolver's viewer for a signed-in user; anything incomplete is treated as anonymous. */
export function viewerOf(user: SessionUser | null): Viewer {
  if (user?.role === "recipient" && user.phoneHash) {
    return { kind: "recipient", userId: user.userId, phoneHash: user.phoneHash };
  }
  if ((user?.role === "courier" || user?.role === "admin") && user.carrierId) {
    return { kind: user.role, userId: user.userId, carrierId: user.carrierId };
  }
  return { kind: "anonymous" };
}
