import type { AccessFacts } from "./access";
import type { Viewer } from "@/lib/core/viewer";

/**
 * How a viewer stands to a parcel, for the things beside its view (disclosure list, reports,
 * messages, early purge). Unlike decideAccess it ignores retention and status: the owner
 * still reads the disclosure list after the purge, and each feature adds its own time rule.
 */
export type Relation = "owner" | "assigned_courier" | "carrier_staff" | "none";

export function relationTo(
  viewer: Viewer,
  facts: Pick<AccessFacts, "carrierId" | "courierId" | "recipientPhoneHash">,
): Relation {
  switch (viewer.kind) {
    case "recipient":
      return viewer.phoneHash === facts.recipientPhoneHash ? "owner" : "none";
    case "courier":
      return viewer.userId === facts.courierId && viewer.carrierId === facts.carrierId ? "assigned_courier" : "none";
    case "admin":
    case "api_key":
      return viewer.carrierId === facts.carrierId ? "carrier_staff" : "none";
    case "anonymous":
      return "none";
  }
}
