import { desc, eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { AccountPanel } from "@/components/account-panel";
import { ParcelLinkList } from "@/components/parcel-link-list";
import { getDb } from "@/db/client";
import { carriers, parcels } from "@/db/schema";
import { requireRole } from "@/lib/auth/dal";

/** The recipient's parcels from every carrier, matched by the phone hash of their verified phone. */
export default async function MyParcelsPage() {
  const user = await requireRole("/parcels", "recipient");
  const [t, tp] = await Promise.all([getTranslations("myParcels"), getTranslations("parcel")]);
  const rows = await getDb()
    .select({ code: parcels.code, status: parcels.status, itemName: parcels.itemName, carrier: carriers.name })
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(eq(parcels.recipientPhoneHash, user.phoneHash ?? ""))
    .orderBy(desc(parcels.createdAt))
    .limit(100);
  return (
    <>
      <h1>{t("title")}</h1>
      <ParcelLinkList
        empty={t("empty")}
        items={rows.map((row) => ({
          code: row.code,
          title: row.itemName ?? tp("title"),
          detail: `${row.carrier} · ${tp(`statuses.${row.status}`)}`,
        }))}
      />
      <AccountPanel user={user} />
    </>
  );
}
