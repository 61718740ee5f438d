import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/dal";
import { loadCarrierSettings, retentionRange } from "@/lib/carrier-settings/settings";
import { env } from "@/lib/config/env";
import { PROOF_REQUIREMENTS } from "@/lib/core/proof-requirement";
import { SettingsForm } from "./settings-form";

const LABELS = ["proofDefault", "selfClaim", "selfClaimHint", "save", "saved", "failed"] as const;

/** The admin's own carrier's settings (never another's: the carrier comes from the session). */
export default async function SettingsPage() {
  const user = await requireRole("/admin/settings", "admin");
  const [t, settings] = await Promise.all([
    getTranslations("consolePeople.settings"),
    loadCarrierSettings(getDb(), user.carrierId),
  ]);
  if (!settings) notFound();
  const range = retentionRange(env());
  const labels = {
    ...(Object.fromEntries(LABELS.map((key) => [key, t(key)])) as Record<(typeof LABELS)[number], string>),
    retention: t("retention"),
    retentionHint: t("retentionHint", range),
    proof: Object.fromEntries(PROOF_REQUIREMENTS.map((proof) => [proof, t(`proof.${proof}`)])),
  };
  return (
    <section className="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("heading", { carrier: settings.name })}</h1>
      <SettingsForm
        settings={settings}
        range={range}
        labels={labels}
        errors={{ retentionDays: t("errors.retentionDays", range), proofDefault: t("errors.proofDefault") }}
      />
    </section>
  );
}
