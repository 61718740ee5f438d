import { and, desc, eq, notInArray } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { AccountPanel } from "@/components/account-panel";
import { ParcelLinkList } from "@/components/parcel-link-list";
import { getDb } from "@/db/client";
import { parcels } from "@/db/schema";
import { requireRole } from "@/lib/auth/dal";

/** The courier's open deliveries; each opens the parcel page, where the full address shows while active. */
export default async function CourierPage() {
  const user = await requireRole("/courier", "courier");
  const [t, tp] = await Promise.all([getTranslations("courier"), getTranslations("parcel")]);
  const rows = await getDb()
    .select({ code: parcels.code, status: parcels.status, maskedAddress: parcels.maskedAddress })
    .from(parcels)
    .where(and(eq(parcels.courierId, user.userId), notInArray(parcels.status, ["delivered", "returned"])))
    .orderBy(desc(parcels.updatedAt))
    .limit(200);
  return (
    <>
      <h1>{t("title")}</h1>
      <ParcelLinkList
        empty={t("empty")}
        items={rows.map((row) => ({ code: row.code, title: row.maskedAddress, detail: tp(`statuses.${row.status}`) }))}
      />
      <AccountPanel user={user} />
    </>
  );
}
