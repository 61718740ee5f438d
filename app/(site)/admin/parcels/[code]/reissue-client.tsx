"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { reissueLabelAction } from "@/lib/admin/actions";

type Labels = { reissue: string; confirm: string; yes: string; no: string; failed: string };

/** Two steps: the admin confirms before the current code stops working for good. */
export function ReissueButton({ code, labels }: { code: string; labels: Labels }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const reissue = () =>
    startTransition(async () => {
      const result = await reissueLabelAction({ code });
      if (result.ok) router.replace(`/admin/parcels/${result.data.code}`);
      else setFailed(true);
    });
  if (!asking) {
    return (
      <button type="button" className="button" onClick={() => setAsking(true)}>
        {labels.reissue}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-label={labels.reissue} className="stack">
      <p>{labels.confirm}</p>
      <div>
        <button type="button" className="button primary" onClick={reissue} disabled={pending}>
          {labels.yes}
        </button>{" "}
        <button type="button" className="button" onClick={() => setAsking(false)} disabled={pending}>
          {labels.no}
        </button>
      </div>
      {failed && <p role="alert">{labels.failed}</p>}
    </div>
  );
}
