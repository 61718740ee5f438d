import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/dal";
import styles from "./console.module.css";

const LINKS = [
  ["/admin", "home"],
  ["/admin/parcels", "parcels"],
  ["/admin/imports", "imports"],
  ["/admin/reports", "reports"],
  ["/admin/audit", "audit"],
] as const;
// The people and rules screens (their labels: consolePeople.nav).
const PEOPLE_LINKS = [
  ["/admin/couriers", "couriers"],
  ["/admin/rules", "rules"],
  ["/admin/api-keys", "apiKeys"],
  ["/admin/webhooks", "webhooks"],
  ["/admin/settings", "settings"],
] as const;

/** The carrier console's frame: navigation beside (wide) or above (phone) each screen. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Each page checks the session itself too; this keeps the menu from rendering for anyone else.
  await requireRole("/admin", "admin");
  const [t, tp] = await Promise.all([getTranslations("console.nav"), getTranslations("consolePeople.nav")]);
  return (
    <div className={styles.console}>
      {/* Not prefetched: every console screen is rendered per request, so a prefetch of the nine
          would only cost each page load eighteen requests and their parsing on a phone. */}
      <nav aria-label={t("label")} className={styles.nav}>
        {LINKS.map(([href, key]) => (
          <Link key={href} href={href} prefetch={false}>
            {t(key)}
          </Link>
        ))}
        {PEOPLE_LINKS.map(([href, key]) => (
          <Link key={href} href={href} prefetch={false}>
            {tp(key)}
          </Link>
        ))}
      </nav>
      <div className={styles.content}>{children}</div>
    </div>
  );
}
