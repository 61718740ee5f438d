import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { disableStaffAction, revokeStaffSessionsAction } from "@/lib/auth/actions";
import { requireRole } from "@/lib/auth/dal";
import { listCouriers } from "@/lib/couriers/couriers";
import { getRedis } from "@/lib/redis/client";
import { ActionButton } from "../action-button";
import { ConsoleTable } from "../console-table";
import styles from "../console.module.css";
import { CreateCourierForm } from "./courier-form";

const FORM_LABELS = [
  "title",
  "email",
  "displayName",
  "password",
  "passwordHint",
  "create",
  "created",
  "failed",
] as const;

/** The carrier's couriers: create one, disable one, see and end their sessions. */
export default async function CouriersPage() {
  const user = await requireRole("/admin/couriers", "admin");
  const [t, format, couriers] = await Promise.all([
    getTranslations("consolePeople.couriers"),
    getFormatter(),
    listCouriers({ db: getDb(), redis: getRedis() }, user.carrierId),
  ]);
  const labels = Object.fromEntries(FORM_LABELS.map((key) => [key, t(key)])) as Record<
    (typeof FORM_LABELS)[number],
    string
  >;
  const errors = { email: t("errors.email"), password: t("errors.password"), displayName: t("errors.displayName") };
  return (
    <section className="stack" aria-labelledby="couriers-title">
      <h1 id="couriers-title">{t("heading")}</h1>
      <p className="notice">{t("intro")}</p>
      <ConsoleTable
        headings={(["email", "displayName", "status", "sessions", "createdAt", "actions"] as const).map((column) =>
          t(`columns.${column}`),
        )}
        empty={t("none")}
        rows={couriers}
        className={styles.wrapCells}
      >
        {couriers.map((courier) => (
          <tr key={courier.id}>
            <td>{courier.email}</td>
            <td>{courier.displayName ?? ""}</td>
            <td>{t(courier.disabled ? "disabled" : courier.mustChangePassword ? "mustChange" : "active")}</td>
            <td>
              <Link href={`/admin/couriers/${courier.id}`}>{t("sessionCount", { count: courier.liveSessions })}</Link>
            </td>
            <td>{format.dateTime(new Date(courier.createdAt), { dateStyle: "short" })}</td>
            <td className={styles.actions}>
              {!courier.disabled && (
                <ActionButton
                  action={disableStaffAction}
                  input={{ userId: courier.id }}
                  label={t("disable")}
                  confirm={t("disableConfirm", { email: courier.email })}
                  failed={t("failed")}
                />
              )}
              {courier.liveSessions > 0 && (
                <ActionButton
                  action={revokeStaffSessionsAction}
                  input={{ userId: courier.id }}
                  label={t("endAll")}
                  failed={t("failed")}
                />
              )}
            </td>
          </tr>
        ))}
      </ConsoleTable>
      <CreateCourierForm labels={labels} errors={errors} />
    </section>
  );
}
