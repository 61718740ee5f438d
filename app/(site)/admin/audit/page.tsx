import { withPlaceholders } from "@/lib/i18n/placeholders";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb, getSql } from "@/db/client";
import { listCourierChoices } from "@/lib/admin/parcel-list";
import { listAudit } from "@/lib/audit/audit-list";
import { auditQuerySchema, type AuditQuery } from "@/lib/audit/audit-query";
import { requireRole } from "@/lib/auth/dal";
import { shortCode } from "@/lib/parcels/code";
import { CourierAndDays } from "../filter-fields";
import { ConsoleTable } from "../console-table";
import styles from "../console.module.css";
import { VerifyLog, type VerifyLabels } from "./verify-client";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const COLUMNS = ["seq", "at", "parcel", "viewer", "fields", "ip", "hash"] as const;

/** Every full disclosure of the carrier's parcels, newest first, with filters, CSV export and "verify log". */
export default async function AuditPage({ searchParams }: Props) {
  const user = await requireRole("/admin/audit", "admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, first(value)]));
  const parsed = auditQuerySchema.safeParse(raw);
  const query: AuditQuery = parsed.success ? parsed.data : {};
  const [t, format, page, couriers] = await Promise.all([
    getTranslations("consoleAudit"),
    getFormatter(),
    listAudit(getSql(), user.carrierId, query),
    listCourierChoices(getDb(), user.carrierId),
  ]);
  const filters = withoutAfter(query);
  const nextHref = page.next ? `?${new URLSearchParams({ ...filters, after: page.next }).toString()}` : null;
  const exportHref = `/api/v1/audit/export?${new URLSearchParams(filters).toString()}`;
  const verifyLabels: VerifyLabels = {
    verify: t("verify"),
    verifying: t("verifying"),
    holds: withPlaceholders(t, "holds", ["rows"]),
    pending: withPlaceholders(t, "pending", ["pending"]),
    retired: withPlaceholders(t, "retired", ["retired"]),
    broken: withPlaceholders(t, "broken", ["seq"]),
    brokenPending: withPlaceholders(t, "brokenPending", ["id"]),
    reasons: {
      hash_mismatch: t("reasons.hash_mismatch"),
      prev_mismatch: t("reasons.prev_mismatch"),
      sequence_gap: t("reasons.sequence_gap"),
      head_mismatch: t("reasons.head_mismatch"),
      pending_altered: t("reasons.pending_altered"),
    },
    failed: t("verifyFailed"),
  };
  return (
    <section className="stack" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("title")}</h1>
      <p className="notice">{t("intro")}</p>
      <VerifyLog labels={verifyLabels} />
      {!parsed.success && <p role="alert">{t("badQuery")}</p>}
      <form method="get" className={styles.filters} role="search">
        <label>
          {t("parcel")}
          <input name="parcel" defaultValue={query.parcel ?? ""} placeholder={t("parcelHint")} maxLength={64} />
        </label>
        <CourierAndDays couriers={couriers} values={query} t={t} resetHref="/admin/audit" />
      </form>
      <p>
        <a href={exportHref} download>
          {t("export")}
        </a>
      </p>
      <ConsoleTable headings={COLUMNS.map((column) => t(`columns.${column}`))} empty={t("none")} rows={page.rows}>
        {page.rows.map((row) => (
          <tr key={row.id}>
            <td>{row.seq ?? t("unsequenced")}</td>
            <td>{format.dateTime(new Date(row.at), { dateStyle: "short", timeStyle: "medium" })}</td>
            <td className={styles.code}>
              <Link href={`/admin/parcels/${row.code}`}>{shortCode(row.code)}</Link>
            </td>
            <td>
              {t(`roles.${roleKey(row.viewerRole)}`)} {row.viewer ?? ""}
            </td>
            <td>{row.fields.join(", ")}</td>
            <td>{row.ip ?? ""}</td>
            <td className={styles.code} title={row.hash ?? undefined}>
              {row.hash ? `${row.hash.slice(0, 12)}…` : ""}
            </td>
          </tr>
        ))}
      </ConsoleTable>
      <nav className={styles.pager} aria-label={t("title")}>
        {query.after && <Link href={`?${new URLSearchParams(filters).toString()}`}>{t("first")}</Link>}
        {nextHref && <Link href={nextHref}>{t("next")}</Link>}
      </nav>
    </section>
  );
}

function roleKey(role: string): "admin" | "courier" | "api_key" | "other" {
  return role === "admin" || role === "courier" || role === "api_key" ? role : "other";
}

function withoutAfter(query: AuditQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter(([key, value]) => key !== "after" && value !== undefined),
  ) as Record<string, string>;
}
