import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getReadDb } from "@/db/client";
import { listCourierChoices, listParcels, parcelListQuerySchema, type ParcelListQuery } from "@/lib/admin/parcel-list";
import { requireRole } from "@/lib/auth/dal";
import { shortCode } from "@/lib/parcels/code";
import { PARCEL_STATUSES } from "@/lib/parcels/status";
import { ASSIGN_FORM_ID, AssignBar } from "./assign-client";
import { CourierAndDays } from "../filter-fields";
import { LabelSelection, type SelectionLabels } from "./label-selection";
import styles from "../console.module.css";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The carrier's parcels, newest first, masked columns only; a page per keyset cursor. */
export default async function ParcelsPage({ searchParams }: Props) {
  const user = await requireRole("/admin/parcels", "admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, first(value)]));
  const parsed = parcelListQuerySchema.safeParse(raw);
  const query: ParcelListQuery = parsed.success ? parsed.data : {};
  const db = getReadDb();
  const [t, ta, ts, format, page, couriers] = await Promise.all([
    getTranslations("console.parcels"),
    getTranslations("consolePeople.assign"),
    getTranslations("parcel.statuses"),
    getFormatter(),
    listParcels(db, user.carrierId, query),
    listCourierChoices(db, user.carrierId),
  ]);
  const tl = await getTranslations("consoleLabels");
  const selection: SelectionLabels = {
    size: tl("size"),
    sizes: { a4: tl("sizes.a4"), "4x6": tl("sizes.4x6"), a6: tl("sizes.a6") },
    print: tl("printSelected"),
    selectAll: tl("selectAll"),
    noneSelected: tl("noneSelected"),
    failed: tl("failed"),
  };
  const nextHref = page.next ? `?${new URLSearchParams({ ...stripAfter(query), after: page.next }).toString()}` : null;
  return (
    <section className="stack" aria-labelledby="parcels-title">
      <h1 id="parcels-title">{t("title")}</h1>
      <p className="notice">{t("maskedNote")}</p>
      {!parsed.success && <p role="alert">{t("badQuery")}</p>}
      <form method="get" className={styles.filters} role="search">
        <label>
          {t("search")}
          <input name="q" defaultValue={query.q ?? ""} placeholder={t("searchHint")} maxLength={100} />
        </label>
        <label>
          {t("status")}
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("anyStatus")}</option>
            {PARCEL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {ts(status)}
              </option>
            ))}
          </select>
        </label>
        <CourierAndDays couriers={couriers} values={query} t={t} resetHref="/admin/parcels" />
      </form>
      {page.rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <>
          <AssignBar
            couriers={couriers.filter((courier) => courier.active)}
            labels={{
              courier: ta("courier"),
              unassign: ta("unassign"),
              submit: ta("submit"),
              noneSelected: ta("noneSelected"),
              done: ta("done", { assigned: "{assigned}", skipped: "{skipped}" }),
              failed: ta("failed"),
            }}
          />
          <LabelSelection labels={selection}>
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{tl("select")}</span>
                    </th>
                    {(
                      [
                        "code",
                        "status",
                        "recipient",
                        "phone",
                        "address",
                        "reference",
                        "courier",
                        "registeredAt",
                      ] as const
                    ).map((column) => (
                      <th key={column} scope="col">
                        {t(column)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row) => (
                    <tr key={row.code}>
                      <td>
                        <input
                          type="checkbox"
                          name="codes"
                          value={row.code}
                          form={ASSIGN_FORM_ID}
                          aria-label={ta("selectOne", { code: shortCode(row.code) })}
                        />
                      </td>
                      <td className={styles.code}>
                        <Link href={`/admin/parcels/${row.code}`}>{shortCode(row.code)}</Link>
                      </td>
                      <td>{ts(row.status)}</td>
                      <td>{row.maskedName}</td>
                      <td>{row.maskedPhone}</td>
                      <td>{row.maskedAddress}</td>
                      <td>{row.reference ?? ""}</td>
                      <td>{row.courierEmail ?? t("unassigned")}</td>
                      <td>{format.dateTime(new Date(row.createdAt), { dateStyle: "short", timeStyle: "short" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </LabelSelection>
        </>
      )}
      <nav className={styles.pager} aria-label={t("title")}>
        {query.after && <Link href={`?${new URLSearchParams(stripAfter(query)).toString()}`}>{t("first")}</Link>}
        {nextHref && <Link href={nextHref}>{t("next")}</Link>}
      </nav>
    </section>
  );
}

function stripAfter(query: ParcelListQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter(([key, value]) => key !== "after" && value !== undefined),
  ) as Record<string, string>;
}
