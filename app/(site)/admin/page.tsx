import { getTranslations } from "next-intl/server";
import { AccountPanel } from "@/components/account-panel";
import { getReadDb } from "@/db/client";
import { carrierOverview } from "@/lib/admin/overview";
import { requireRole } from "@/lib/auth/dal";
import { RegisterParcelForm } from "./register-parcel-client";

/** The carrier admin's home: the carrier, its parcel count and the one-parcel form. */
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
  const overview = await carrierOverview(getReadDb(), user.carrierId);
  return (
    <>
      <h1>{t("title", { carrier: overview.name })}</h1>
      <p className="notice">{t("parcelCount", { count: overview.parcels })}</p>
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
