import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { recentImports } from "@/lib/imports/recent";
import { LABELS_PER_PDF } from "@/lib/labels/label-data";
import { ConsoleTable } from "../console-table";
import styles from "../console.module.css";

const SIZES = ["a4", "4x6", "a6"] as const;

/** The carrier's latest imports, each with its labels as PDFs (a part per 1,000 parcels) in every size. */
export async function RecentImports({ carrierId }: { carrierId: string }) {
  const [t, format, rows] = await Promise.all([
    getTranslations("consoleLabels"),
    getFormatter(),
    recentImports(getDb(), carrierId),
  ]);
  return (
    <section className="stack" aria-labelledby="recent-imports">
      <h2 id="recent-imports">{t("recentImports")}</h2>
      <ConsoleTable
        headings={[t("importedAt"), t("importStatus"), t("importedCount"), t("labels")]}
        empty={t("noImports")}
        rows={rows}
      >
        {rows.map((row) => {
          const parts = Math.ceil(row.imported / LABELS_PER_PDF);
          return (
            <tr key={row.id}>
              <td>{format.dateTime(new Date(row.at), { dateStyle: "short", timeStyle: "short" })}</td>
              <td>{t(`statuses.${row.status}`)}</td>
              <td>{t("counts", { imported: row.imported, total: row.total })}</td>
              <td>
                {Array.from({ length: parts }, (_, i) => (
                  <div key={i} className={styles.actions}>
                    {parts > 1 && <span>{t("part", { part: i + 1 })}</span>}
                    {SIZES.map((size) => (
                      <a
                        key={size}
                        href={`/api/v1/imports/${row.id}/labels.pdf?size=${size}&part=${i + 1}`}
                        target="_blank"
                        rel="noopener"
                      >
                        {t(`sizes.${size}`)}
                      </a>
                    ))}
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </ConsoleTable>
    </section>
  );
}
