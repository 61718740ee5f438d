import { getTranslations } from "next-intl/server";
import { AccountPanel } from "@/components/account-panel";
import { getDb } from "@/db/client";
import { requireSession } from "@/lib/auth/dal";
import { loadProfile } from "@/lib/account/profile";
import { DeleteAccountForm, PasswordForm } from "./account-client";
import styles from "./account.module.css";

/** Every role's account: who (masked), signed-in devices, password; recipients can also delete the account. */
export default async function AccountPage() {
  const user = await requireSession("/account");
  const [t, profile] = await Promise.all([getTranslations("recipient.account"), loadProfile(getDb(), user.userId)]);
  const labels = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, t(key)]));
  return (
    <>
      <h1>{t("title")}</h1>
      <dl className={styles.facts}>
        <dt>{user.role === "recipient" ? t("phone") : t("email")}</dt>
        <dd data-testid="identity">{profile?.identity ?? "—"}</dd>
        {profile?.displayName && (
          <>
            <dt>{t("displayName")}</dt>
            <dd>{profile.displayName}</dd>
          </>
        )}
      </dl>
      <AccountPanel user={user} />
      <section aria-labelledby="password-title" className={styles.section}>
        <h2 id="password-title">{t("passwordTitle")}</h2>
        <PasswordForm labels={labels(PASSWORD_LABELS)} />
      </section>
      {user.role === "recipient" && (
        <section aria-labelledby="delete-title" className={styles.section}>
          <h2 id="delete-title">{t("deleteTitle")}</h2>
          <p>{t("deleteWhat")}</p>
          <DeleteAccountForm labels={labels(DELETE_LABELS)} />
        </section>
      )}
    </>
  );
}

const PASSWORD_LABELS = ["current", "next", "change", "changed", "currentWrong", "rules", "failed"] as const;
const DELETE_LABELS = ["password", "delete", "confirm", "passwordWrong", "failed"] as const;
