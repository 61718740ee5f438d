import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PushToggle } from "@/components/push-toggle";
import { requireRole } from "@/lib/auth/dal";
import { env } from "@/lib/config/env";
import { CourierClient } from "./courier-client";

/**
 * The courier's day. The page is a shell with no parcel data in it: the list comes from
 * GET /api/v1/courier/parcels through React Query, and the full address only on request.
 */
export default async function CourierPage() {
  const user = await requireRole("/courier", "courier");
  const t = await getTranslations("courier");
  return (
    <>
      <h1>{t("title")}</h1>
      <CourierClient publicUrl={env().PUBLIC_URL} userId={user.userId} />
      <PushToggle audience="courier" />
      <p>
        <Link href="/account">{t("account")}</Link>
      </p>
    </>
  );
}
