"use client";

import { useTranslations } from "next-intl";
import type { JsonResult } from "@/lib/query/fetch-json";

/** A sent report's reference number, or what went wrong in the reader's language (fields by their labels). */
export function ReportOutcome({ result }: { result: JsonResult<{ reference: string }> }) {
  const t = useTranslations("recipient.report");
  if (result.ok) {
    return (
      <p role="status" className="notice">
        {t("sent", { reference: result.data.reference })}
      </p>
    );
  }
  const fields = Object.keys(result.fields).filter((field) => ["place", "message", "contact"].includes(field));
  const message =
    result.status === 429
      ? t("throttled", { minutes: Math.ceil((result.retryAfter ?? 60) / 60) })
      : result.status === 400 && fields.length > 0
        ? t("invalid", { fields: fields.map((field) => t(`fields.${field}`)).join(", ") })
        : t("failed");
  return (
    <p role="alert" className="notice">
      {message}
    </p>
  );
}
