import { getTranslations } from "next-intl/server";
import type { DisclosureEntry } from "@/lib/recipient/disclosures";
import { ownerTime } from "./owner-time";
import styles from "./owner.module.css";

/** "Who saw my address", one plain sentence per full view. */
export async function OwnerDisclosures({ entries }: { entries: DisclosureEntry[] }) {
  const [t, tp] = await Promise.all([getTranslations("recipient.disclosures"), getTranslations("parcel")]);
  const lines = await Promise.all(
    entries.map(async (entry) => {
      const role = t(`roles.${entry.role}`);
      const who = entry.displayName ? t("named", { role, name: entry.displayName }) : role;
      return t("line", {
        time: await ownerTime(entry.at),
        who,
        carrier: entry.carrierName ?? t("unknownCarrier"),
        fields: entry.fields.map((field) => tp(field)).join(", "),
      });
    }),
  );
  return (
    <section aria-labelledby="disclosures-title" className={styles.section}>
      <h2 id="disclosures-title">{t("title")}</h2>
      <p className={styles.hint}>{t("intro")}</p>
      {lines.length === 0 ? (
        <p className="notice">{t("none")}</p>
      ) : (
        <ul className={styles.log} data-testid="disclosures">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
