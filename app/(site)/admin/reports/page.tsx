import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { reportKind, reportStatus } from "@/db/schema";
import { requireRole } from "@/lib/auth/dal";
import { shortCode } from "@/lib/parcels/code";
import { inboxQuerySchema, listReportInbox, type InboxQuery } from "@/lib/reports/list-reports";
import { appDeps } from "@/lib/runtime/app-deps";
import filterStyles from "../console.module.css";
import { HandleReport, type HandleLabels } from "./handle-client";
import styles from "./reports.module.css";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The carrier's reports inbox: found / not mine / return, newest first; the finder's contact is shown here only. */
export default async function ReportsPage({ searchParams }: Props) {
  const user = await requireRole("/admin/reports", "admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, first(value)]));
  const parsed = inboxQuerySchema.safeParse(raw);
  const query: InboxQuery = parsed.success ? parsed.data : {};
  const { db, config } = appDeps();
  const [t, format, page] = await Promise.all([
    getTranslations("consoleReports"),
    getFormatter(),
    listReportInbox(db, config, user.carrierId, query),
  ]);
  const filters = Object.fromEntries(
    Object.entries({ status: query.status, kind: query.kind }).filter(([, value]) => value),
  ) as Record<string, string>;
  const nextHref = page.next ? `?${new URLSearchParams({ ...filters, after: page.next }).toString()}` : null;
  const labels: HandleLabels = {
    status: t("status"),
    statuses: { new: t("statuses.new"), handled: t("statuses.handled") },
    note: t("note"),
    save: t("save"),
    saved: t("saved"),
  };
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  return (
    <section className="stack" aria-labelledby="reports-title">
      <h1 id="reports-title">{t("title")}</h1>
      <p className="notice">{t("intro")}</p>
      {!parsed.success && <p role="alert">{t("badQuery")}</p>}
      <form method="get" className={filterStyles.filters} role="search">
        <label>
          {t("status")}
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("anyStatus")}</option>
            {reportStatus.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("kind")}
          <select name="kind" defaultValue={query.kind ?? ""}>
            <option value="">{t("anyKind")}</option>
            {reportKind.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary">
          {t("apply")}
        </button>
        <Link href="/admin/reports">{t("reset")}</Link>
      </form>
      {page.rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className={styles.list}>
          {page.rows.map((report) => (
            <li key={report.reference} className={styles.card} aria-label={report.reference}>
              <div className="stack">
                <div className={styles.head}>
                  <strong>{t(`kinds.${report.kind}`)}</strong>
                  <span className={styles.badge}>{t(`statuses.${report.status}`)}</span>
                  <span>{report.reference}</span>
                </div>
                <dl>
                  <dt>{t("parcel")}</dt>
                  <dd className={filterStyles.code}>
                    <Link href={`/admin/parcels/${report.code}`}>{shortCode(report.code)}</Link>
                  </dd>
                  <dt>{t("at")}</dt>
                  <dd>{when(report.at)}</dd>
                  {report.place && (
                    <>
                      <dt>{t("place")}</dt>
                      <dd>{report.place}</dd>
                    </>
                  )}
                  {report.message && (
                    <>
                      <dt>{t("message")}</dt>
                      <dd>{report.message}</dd>
                    </>
                  )}
                  {report.contact && (
                    <>
                      <dt>{t("contact")}</dt>
                      <dd>{report.contact}</dd>
                    </>
                  )}
                  {report.handledAt && (
                    <>
                      <dt>{t("handled")}</dt>
                      <dd>
                        {when(report.handledAt)} {report.handledBy ?? ""}
                      </dd>
                    </>
                  )}
                </dl>
              </div>
              <HandleReport reference={report.reference} status={report.status} note={report.note} labels={labels} />
            </li>
          ))}
        </ul>
      )}
      <nav className={filterStyles.pager} aria-label={t("title")}>
        {query.after && <Link href={`?${new URLSearchParams(filters).toString()}`}>{t("first")}</Link>}
        {nextHref && <Link href={nextHref}>{t("next")}</Link>}
      </nav>
    </section>
  );
}
