import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InstallPrompt } from "@/components/install-prompt";

const FEATURES = ["masked", "mine", "anyCarrier"] as const;

export default async function HomePage() {
  const t = await getTranslations("home");
  return (
    <>
      <section className="hero">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <div className="actions">
          <Link href="/scan" className="button primary">
            {t("scan")}
          </Link>
          <Link href="/login" className="button">
            {t("login")}
          </Link>
          <InstallPrompt />
        </div>
      </section>
      <section aria-labelledby="features-title" className="features">
        <h2 id="features-title">{t("featuresTitle")}</h2>
        <ul>
          {FEATURES.map((key) => (
            <li key={key}>
              <h3>{t(`features.${key}.title`)}</h3>
              <p>{t(`features.${key}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
