"use client";

import { useState, useTransition } from "react";
import { verifyAuditLogAction } from "@/lib/audit/actions";
import type { BrokenReason, ChainReport } from "@/lib/audit/verify";

export type VerifyLabels = {
  verify: string;
  verifying: string;
  holds: string;
  pending: string;
  retired: string;
  broken: string;
  brokenPending: string;
  reasons: Record<BrokenReason, string>;
  failed: string;
};

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));

/**
 * "Verify log": the server walks the whole chain and checks the rows awaiting sequencing; the
 * answer names the first broken link, or says how many rows still await their place and how many
 * older ones retention has dropped (the chain is checked from where they end).
 */
export function VerifyLog({ labels }: { labels: VerifyLabels }) {
  const [report, setReport] = useState<ChainReport | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const verify = () =>
    startTransition(async () => {
      const result = await verifyAuditLogAction({});
      setFailed(!result.ok);
      setReport(result.ok ? result.data : null);
    });
  return (
    <div className="stack">
      <div>
        <button type="button" className="button" onClick={verify} disabled={pending}>
          {pending ? labels.verifying : labels.verify}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {report?.ok && <p>{fill(labels.holds, { rows: report.rows })}</p>}
        {report?.ok && report.pending > 0 && <p>{fill(labels.pending, { pending: report.pending })}</p>}
        {report?.ok && report.retired > 0 && <p>{fill(labels.retired, { retired: report.retired })}</p>}
        {report && !report.ok && (
          <p role="alert">
            {report.seq === null
              ? fill(labels.brokenPending, { id: report.id ?? "" })
              : fill(labels.broken, { seq: report.seq })}{" "}
            {labels.reasons[report.reason]}
          </p>
        )}
        {failed && <p role="alert">{labels.failed}</p>}
      </div>
    </div>
  );
}
