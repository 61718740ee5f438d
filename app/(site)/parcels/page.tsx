import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PushToggle } from "@/components/push-toggle";
import { getReadDb } from "@/db/client";
import { requireRole } from "@/lib/auth/dal";
import { PARCEL_STATUSES } from "@/lib/parcels/status";
import { getServerQueryClient } from "@/lib/query/server-query-client";
import { listMyParcels } from "@/lib/recipient/my-parcels";
import { recipientQueries } from "@/lib/recipient/queries";
import { MyParcelsClient } from "./parcels-client";

/** The recipient's parcels from every carrier: rendered with data, then kept live by the client. */
export default async function MyParcelsPage() {
  const user = await requireRole("/parcels", "recipient");
  const [t, tr, data] = await Promise.all([
    getTranslations("myParcels"),
    getTranslations("recipient.list"),
    listMyParcels(getReadDb(), { userId: user.userId, phoneHash: user.phoneHash ?? "" }, {}),
  ]);
  const client = getServerQueryClient();
  client.setQueryData(recipientQueries.myParcels({}).queryKey, data);
  return (
    <>
      <h1>{t("title")}</h1>
      <HydrationBoundary state={dehydrate(client)}>
        <MyParcelsClient statuses={PARCEL_STATUSES} />
      </HydrationBoundary>
      <PushToggle audience="recipient" />
      <p>
        <Link href="/account">{tr("account")}</Link>
      </p>
    </>
  );
}
