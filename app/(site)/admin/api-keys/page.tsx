import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";
import { API_KEY_CACHE_MS } from "@/lib/api-keys/authenticate";
import { listApiKeys } from "@/lib/api-keys/manage";
import { API_KEY_SCOPES } from "@/lib/core/api-key-scopes";
import { requireRole } from "@/lib/auth/dal";
import { ActionButton } from "../action-button";
import { ConsoleTable } from "../console-table";
import styles from "../console.module.css";
import { CreateKeyForm } from "./key-form";

/** The carrier's API keys: create with the scopes it needs (shown once), see when each was last used, revoke. */
export default async function ApiKeysPage() {
  const user = await requireRole("/admin/api-keys", "admin");
  const [t, format, keys] = await Promise.all([
    getTranslations("consolePeople.apiKeys"),
    getFormatter(),
    listApiKeys(getDb(), user.carrierId),
  ]);
  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : t("never");
  return (
    <section className="stack" aria-labelledby="keys-title">
      <h1 id="keys-title">{t("heading")}</h1>
      <p className="notice">{t("intro", { seconds: API_KEY_CACHE_MS / 1000 })}</p>
      <CreateKeyForm
        labels={{
          name: t("name"),
          scopes: t("scopes"),
          scopeNames: Object.fromEntries(API_KEY_SCOPES.map((scope) => [scope, t(`scopeNames.${scope}`)])) as Record<
            (typeof API_KEY_SCOPES)[number],
            string
          >,
          create: t("create"),
          shownOnce: t("shownOnce"),
          failed: t("failed"),
        }}
        errors={{ name: t("errors.name"), scopes: t("errors.scopes") }}
      />
      <ConsoleTable
        headings={(["name", "prefix", "scopes", "createdAt", "lastUsed", "status", "actions"] as const).map((column) =>
          t(`columns.${column}`),
        )}
        empty={t("none")}
        rows={keys}
      >
        {keys.map((key) => (
          <tr key={key.id}>
            <td>{key.name}</td>
            <td className={styles.code}>{key.prefix}…</td>
            <td>
              {key.scopes.map((scope) => (
                <div key={scope} className={styles.code} title={t(`scopeNames.${scope}`)}>
                  {scope}
                </div>
              ))}
            </td>
            <td>{when(key.createdAt)}</td>
            <td>{when(key.lastUsedAt)}</td>
            <td>{key.revokedAt ? t("revokedAt", { time: when(key.revokedAt) }) : t("active")}</td>
            <td>
              {!key.revokedAt && (
                <ActionButton
                  action={revokeApiKeyAction}
                  input={{ keyId: key.id }}
                  label={t("revoke")}
                  confirm={t("revokeConfirm", { name: key.name })}
                  failed={t("failed")}
                />
              )}
            </td>
          </tr>
        ))}
      </ConsoleTable>
    </section>
  );
}
