import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Role } from "@/lib/core/session-user";
import { MASK } from "@/lib/privacy/mask";

/** What the account page shows about its user: the verified phone or email, masked, never in full. */
export type Profile = { role: Role; identity: string | null; displayName: string | null };

/** `courier@exqress.local` → `co***@exqress.local`: enough to recognise, not to copy. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return MASK;
  return `${email.slice(0, Math.min(2, at - 1) || 1)}${MASK}${email.slice(at)}`;
}

export async function loadProfile(db: Database, userId: string): Promise<Profile | null> {
  const [row] = await db
    .select({ role: users.role, email: users.email, phoneMasked: users.phoneMasked, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  const identity = row.role === "recipient" ? row.phoneMasked : row.email && maskEmail(row.email);
  return { role: row.role, identity, displayName: row.displayName };
}
