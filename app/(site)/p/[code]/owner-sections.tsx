import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { PushToggle } from "@/components/push-toggle";
import type { OwnerPage } from "@/lib/recipient/owner-page";
import { OwnerDisclosures } from "./owner-disclosures";
import { OwnerMessagesClient } from "./owner-messages-client";
import { OwnerProof } from "./owner-proof";
import { OwnerPurgeClient } from "./owner-purge-client";
import { OwnerReportsClient } from "./owner-reports-client";
import { OwnerTimeline } from "./owner-timeline";
import styles from "./owner.module.css";

/** The owner's parts of /p/{code}: delivery proof, timeline with who and where, notifications, who saw the address, reports, messages, purge. */
export async function OwnerSections({ page }: { page: OwnerPage }) {
  const [t, messages] = await Promise.all([getTranslations("recipient.purge"), getMessages()]);
  return (
    <NextIntlClientProvider messages={{ recipient: messages.recipient, push: messages.push }}>
      <OwnerProof code={page.code} proof={page.proof} />
      <OwnerTimeline entries={page.timeline} />
      {!page.purged && <PushToggle audience="recipient" />}
      <OwnerDisclosures entries={page.disclosures} />
      {!page.purged && <OwnerReportsClient code={page.code} />}
      {page.messages.read && <OwnerMessagesClient code={page.code} open={page.messages.write} />}
      <section aria-labelledby="purge-title" className={styles.section}>
        <h2 id="purge-title">{t("title")}</h2>
        <p className={styles.hint}>{page.purged ? t("done") : page.canPurge ? t("what") : t("notYet")}</p>
        <p className={styles.hint}>{t("remains")}</p>
        {page.canPurge && <OwnerPurgeClient code={page.code} />}
      </section>
    </NextIntlClientProvider>
  );
}
