import { getTranslations } from "next-intl/server";

export default async function ParcelNotFound() {
  const t = await getTranslations("parcel");
  return (
    <section className="notice">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
    </section>
  );
}
