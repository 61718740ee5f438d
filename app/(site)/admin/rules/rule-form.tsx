"use client";

import { fieldMessage } from "@/lib/actions/field-message";
import { savePostalRuleAction } from "@/lib/postal-rules/actions";
import styles from "../console.module.css";
import { FormStatus } from "../form-status";
import { useCreateAction } from "../use-create-action";

type Labels = Record<"prefix" | "prefixHint" | "courier" | "choose" | "save" | "saved" | "failed", string>;

/** Adds a rule, or gives a prefix that has one to another courier. */
export function RuleForm(props: {
  couriers: { id: string; email: string | null }[];
  labels: Labels;
  errors: Record<string, string>;
}) {
  const { couriers, labels, errors } = props;
  const { form, result, pending, onSubmit } = useCreateAction((data) =>
    savePostalRuleAction({ prefix: data.get("prefix"), courierId: data.get("courierId") }),
  );
  const prefixError = fieldMessage(result, "prefix", errors);
  const courierError = fieldMessage(result, "courierId", errors);
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className={styles.filters}>
      <label>
        {labels.prefix}
        <input name="prefix" inputMode="numeric" maxLength={5} aria-invalid={Boolean(prefixError)} required />
        <small>{labels.prefixHint}</small>
        {prefixError && <span className="form-error">{prefixError}</span>}
      </label>
      <label>
        {labels.courier}
        <select name="courierId" defaultValue="" aria-invalid={Boolean(courierError)}>
          <option value="">{labels.choose}</option>
          {couriers.map((courier) => (
            <option key={courier.id} value={courier.id}>
              {courier.email}
            </option>
          ))}
        </select>
        {courierError && <span className="form-error">{courierError}</span>}
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        {labels.save}
      </button>
      <FormStatus result={result} done={labels.saved} failed={labels.failed} />
    </form>
  );
}
