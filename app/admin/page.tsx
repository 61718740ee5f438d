import { count, eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { AccountPanel } from "@/components/account-panel";
import { getDb } from "@/db/client";
import { carriers, parcels } from "@/db/schema";
import { requireRole } from "@/lib/auth/dal";
import { RegisterParcelForm } from "./register-parcel-client";

/** The carrier admin's home; parcel, courier and audit screens come with the admin issue. */
export default async function AdminPage() {
  const user = await requireRole("/admin", "admin");
  const [t, tr] = await Promise.all([getTranslations("admin"), getTranslations("register")]);
  const keys = [
    "title",
    "name",
    "phone",
    "address",
    "addressDetail",
    "postalCode",
    "memo",
    "itemName",
    "printItemName",
    "submit",
    "registered",
    "label",
  ] as const;
  const db = getDb();
  const [[carrier], [total]] = await Promise.all([
    db.select({ name: carriers.name }).from(carriers).where(eq(carriers.id, user.carrierId)),
    db.select({ n: count() }).from(parcels).where(eq(parcels.carrierId, user.carrierId)),
  ]);
  return (
    <>
      <h1>{t("title", { carrier: carrier?.name ?? "" })}</h1>
      <p className="notice">{t("parcelCount", { count: total?.n ?? 0 })}</p>
      <RegisterParcelForm
        labels={
          Object.fromEntries(keys.map((key) => [key, tr(key, { code: "{code}" })])) as Record<
            (typeof keys)[number],
            string
          >
        }
      />
      <AccountPanel user={user} />
    </>
  );
}
