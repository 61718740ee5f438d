"use client";

import { useTranslations } from "next-intl";

/** Shown when a page could not be rendered (e.g. the database is briefly unreachable); no details leak. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("error");
  return (
    <section role="alert" className="notice">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <button type="button" className="button" onClick={reset}>
        {t("retry")}
      </button>
    </section>
  );
}
