import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/dal";
import { deleteWebhookAction } from "@/lib/webhooks/actions";
import { listWebhooks, type WebhookEndpointView } from "@/lib/webhooks/endpoints";
import { ActionButton } from "../action-button";
import { ConsoleTable } from "../console-table";
import styles from "../console.module.css";
import { AddWebhookForm } from "./webhook-form";

type Translate = Awaited<ReturnType<typeof getTranslations<"consolePeople.webhooks">>>;

/** An endpoint's state: active, failing since when, or disabled with why. */
function state(t: Translate, when: (iso: string) => string, endpoint: WebhookEndpointView): string {
  if (endpoint.disabledAt) {
    return t("disabled", { time: when(endpoint.disabledAt), reason: endpoint.disabledReason ?? "" });
  }
  return endpoint.failingSince ? t("failingSince", { time: when(endpoint.failingSince) }) : t("active");
}

/** The carrier's webhook endpoints: add (the secret shown once), see recent deliveries, delete. */
export default async function WebhooksPage() {
  const user = await requireRole("/admin/webhooks", "admin");
  const [t, format, endpoints] = await Promise.all([
    getTranslations("consolePeople.webhooks"),
    getFormatter(),
    listWebhooks(getDb(), user.carrierId),
  ]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  return (
    <section className="stack" aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">{t("heading")}</h1>
      <p className="notice">{t("intro")}</p>
      <AddWebhookForm
        labels={{
          url: t("url"),
          events: t("events"),
          statusChanged: t("eventNames.statusChanged"),
          create: t("create"),
          shownOnce: t("shownOnce"),
          failed: t("failed"),
        }}
        errors={{ url: t("errors.url"), events: t("errors.events") }}
      />
      <ConsoleTable
        headings={(["url", "events", "state", "deliveries", "actions"] as const).map((column) =>
          t(`columns.${column}`),
        )}
        empty={t("none")}
        rows={endpoints}
        className={styles.wrapCells}
      >
        {endpoints.map((endpoint) => (
          <tr key={endpoint.id}>
            <td className={`${styles.code} ${styles.breakAnywhere}`}>{endpoint.url}</td>
            <td className={styles.code}>{endpoint.events.join(" ")}</td>
            <td>{state(t, when, endpoint)}</td>
            <td>
              {endpoint.deliveries.length === 0
                ? t("noDeliveries")
                : endpoint.deliveries.map((delivery) => (
                    <div key={delivery.id}>
                      {t("delivery", {
                        status: t(`deliveryStatus.${delivery.status as "pending" | "delivered" | "failed"}`),
                        code: delivery.statusCode ?? delivery.error ?? "—",
                        time: when(delivery.at),
                      })}
                    </div>
                  ))}
            </td>
            <td>
              <ActionButton
                action={deleteWebhookAction}
                input={{ id: endpoint.id }}
                label={t("delete")}
                confirm={t("deleteConfirm", { url: endpoint.url })}
                failed={t("failed")}
              />
            </td>
          </tr>
        ))}
      </ConsoleTable>
    </section>
  );
}
