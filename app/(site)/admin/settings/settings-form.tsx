"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { fieldMessage } from "@/lib/actions/field-message";
import { saveCarrierSettingsAction } from "@/lib/carrier-settings/actions";
import type { CarrierSettings } from "@/lib/carrier-settings/settings";
import { PROOF_REQUIREMENTS } from "@/lib/core/proof-requirement";
import styles from "../console.module.css";
import { FormStatus } from "../form-status";
import { submitKeepingValues } from "../submit-keeping-values";

type Labels = Record<
  "proofDefault" | "selfClaim" | "selfClaimHint" | "retention" | "retentionHint" | "save" | "saved" | "failed",
  string
> & { proof: Record<string, string> };

/** The carrier's defaults: proof of delivery, self-claim, and how long personal data is kept. */
export function SettingsForm(props: {
  settings: CarrierSettings;
  range: { min: number; max: number };
  labels: Labels;
  errors: Record<string, string>;
}) {
  const { settings, range, labels, errors } = props;
  const router = useRouter();
  // The form keeps what it saved: it shows the carrier's settings, not a new entry.
  const [result, submit, pending] = useActionState(async (_: unknown, data: FormData) => {
    const done = await saveCarrierSettingsAction({
      proofDefault: data.get("proofDefault"),
      selfClaim: data.get("selfClaim") === "on",
      retentionDays: String(data.get("retentionDays") ?? "").trim(),
    });
    if (done.ok) router.refresh();
    return done;
  }, null);
  const retentionError = fieldMessage(result, "retentionDays", errors);
  return (
    <form onSubmit={submitKeepingValues(submit)} noValidate className={styles.form}>
      <fieldset className="stack">
        <legend>{labels.proofDefault}</legend>
        {PROOF_REQUIREMENTS.map((proof) => (
          <label key={proof} className="checkbox">
            <input type="radio" name="proofDefault" value={proof} defaultChecked={settings.proofDefault === proof} />{" "}
            {labels.proof[proof]}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" name="selfClaim" defaultChecked={settings.selfClaim} /> {labels.selfClaim}
      </label>
      <small>{labels.selfClaimHint}</small>
      <label htmlFor="retention-days">{labels.retention}</label>
      <input
        id="retention-days"
        name="retentionDays"
        type="number"
        min={range.min}
        max={range.max}
        placeholder={String(range.max)}
        defaultValue={settings.retentionDays ?? ""}
        aria-invalid={Boolean(retentionError)}
      />
      <small>{labels.retentionHint}</small>
      {retentionError && <p className="form-error">{retentionError}</p>}
      <button type="submit" className="button primary" disabled={pending}>
        {labels.save}
      </button>
      <FormStatus result={result} done={labels.saved} failed={labels.failed} />
    </form>
  );
}
