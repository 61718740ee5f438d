import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { verifySession, verifySessionAllowingPasswordChange } from "@/lib/auth/dal";
import { PasswordForm } from "../account-client";
import styles from "../account.module.css";

const HOME = { recipient: "/parcels", courier: "/courier", admin: "/admin" } as const;
const LABELS = ["current", "next", "change", "changed", "currentWrong", "rules", "failed"] as const;

/**
 * The first-login step: an account an admin created has a temporary password, and its session
 * may do nothing else until it is changed (lib/auth/first-password.ts). Any other session has
 * nothing to do here and goes to its account page.
 */
export default async function FirstPasswordPage() {
  const pending = await verifySessionAllowingPasswordChange();
  if (!pending) redirect("/login");
  if (await verifySession()) redirect("/account");
  const [t, ta] = await Promise.all([getTranslations("firstPassword"), getTranslations("recipient.account")]);
  const labels = Object.fromEntries(LABELS.map((key) => [key, ta(key)]));
  return (
    <section aria-labelledby="first-password-title" className={styles.section}>
      <h1 id="first-password-title">{t("title")}</h1>
      <p className="notice">{t("why")}</p>
      <PasswordForm
        labels={{ ...labels, current: t("temporary"), change: t("submit") }}
        doneHref={HOME[pending.role]}
      />
      <form method="post" action="/api/auth/logout">
        <button type="submit" className="button">
          {t("logout")}
        </button>
      </form>
    </section>
  );
}
