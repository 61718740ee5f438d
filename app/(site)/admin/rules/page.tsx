import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listCourierChoices } from "@/lib/admin/parcel-list";
import { requireRole } from "@/lib/auth/dal";
import { deletePostalRuleAction } from "@/lib/postal-rules/actions";
import { listPostalRules } from "@/lib/postal-rules/rules";
import { ActionButton } from "../action-button";
import { ConsoleTable } from "../console-table";
import styles from "../console.module.css";
import { RuleForm } from "./rule-form";

const LABELS = ["prefix", "prefixHint", "courier", "choose", "save", "saved", "failed"] as const;

/** The carrier's postal-code rules: a new parcel without a courier goes to the longest matching prefix's courier. */
export default async function RulesPage() {
  const user = await requireRole("/admin/rules", "admin");
  const db = getDb();
  const [t, rules, couriers] = await Promise.all([
    getTranslations("consolePeople.rules"),
    listPostalRules(db, user.carrierId),
    listCourierChoices(db, user.carrierId),
  ]);
  const labels = Object.fromEntries(LABELS.map((key) => [key, t(key)])) as Record<(typeof LABELS)[number], string>;
  return (
    <section className="stack" aria-labelledby="rules-title">
      <h1 id="rules-title">{t("heading")}</h1>
      <p className="notice">{t("intro")}</p>
      <ConsoleTable headings={[t("prefix"), t("courier"), t("actions")]} empty={t("none")} rows={rules}>
        {rules.map((rule) => (
          <tr key={rule.id}>
            <td className={styles.code}>{rule.prefix}</td>
            <td>
              {rule.courierEmail} {!rule.active && <small>({t("inactive")})</small>}
            </td>
            <td>
              <ActionButton
                action={deletePostalRuleAction}
                input={{ ruleId: rule.id }}
                label={t("delete")}
                confirm={t("deleteConfirm", { prefix: rule.prefix })}
                failed={t("failed")}
              />
            </td>
          </tr>
        ))}
      </ConsoleTable>
      <h2>{t("add")}</h2>
      <RuleForm
        couriers={couriers.filter((courier) => courier.active)}
        labels={labels}
        errors={{ prefix: t("errors.prefix"), courierId: t("errors.courierId") }}
      />
    </section>
  );
}
