import { getTranslations } from "next-intl/server";

/** The one answer for an unknown or malformed code, whoever asks. */
export async function ParcelNotFound() {
  const t = await getTranslations("parcel");
  return (
    <section className="notice">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
    </section>
  );
}
