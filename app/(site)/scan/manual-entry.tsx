"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { parseParcelCode } from "@/lib/parcels/code";

type Props = { initiallyInvalid: boolean; onCode: (code: string) => void };

/**
 * Typing the short code printed under the QR (any case, hyphens or spaces anywhere). A plain GET
 * form to /scan, which redirects to the parcel, so it also works before JavaScript has loaded.
 */
export function ManualEntry({ initiallyInvalid, onCode }: Props) {
  const t = useTranslations("scan");
  const [invalid, setInvalid] = useState(initiallyInvalid);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = parseParcelCode(String(new FormData(event.currentTarget).get("code") ?? ""));
    setInvalid(code === null);
    if (code) onCode(code);
  }

  return (
    <form action="/scan" method="get" className="stack manual-entry" onSubmit={submit} noValidate>
      <label htmlFor="manual-code">{t("manualLabel")}</label>
      <input
        id="manual-code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="go"
        maxLength={64}
        aria-invalid={invalid}
        aria-describedby="manual-code-hint manual-code-error"
      />
      <p id="manual-code-hint" className="hint">
        {t("manualHint")}
      </p>
      <p id="manual-code-error" className="form-error" role="alert">
        {invalid ? t("manualInvalid") : null}
      </p>
      <button type="submit" className="button primary">
        {t("manualSubmit")}
      </button>
    </form>
  );
}
