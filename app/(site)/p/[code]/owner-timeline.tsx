import { getTranslations } from "next-intl/server";
import type { OwnerTimelineEntry } from "@/lib/recipient/owner-timeline";
import { ownerTime } from "./owner-time";
import styles from "./owner.module.css";

/** Every step with who made it and where, and the reports filed on the parcel. */
export async function OwnerTimeline({ entries }: { entries: OwnerTimelineEntry[] }) {
  const [t, tp] = await Promise.all([getTranslations("recipient.timeline"), getTranslations("parcel")]);
  const rows = await Promise.all(
    entries.map(async (entry) => {
      const time = await ownerTime(entry.at);
      if (entry.kind === "report") {
        return { time, title: t(`reports.${entry.report}`), detail: t("reference", { reference: entry.reference }) };
      }
      const role = t(`actors.${entry.actor.role}`);
      const who = entry.actor.name ? t("named", { role, name: entry.actor.name }) : role;
      const detail = [who, entry.place && t("place", { place: entry.place }), entry.reason].filter(Boolean).join(" · ");
      return { time, title: tp(`statuses.${entry.status}`), detail };
    }),
  );
  return (
    <section aria-labelledby="owner-timeline-title" className={styles.section}>
      <h2 id="owner-timeline-title">{t("title")}</h2>
      <ol className={styles.log}>
        {rows.map((row, i) => (
          <li key={i}>
            <strong>{row.title}</strong> <time>{row.time}</time>
            <br />
            <span>{row.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
