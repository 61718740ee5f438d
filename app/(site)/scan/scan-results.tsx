import Link from "next/link";
import { useTranslations } from "next-intl";
import { shortCode } from "@/lib/parcels/code";
import type { ScanEntry } from "@/lib/scan/scan-session";

type Props = { entries: readonly ScanEntry[]; onRetry: (code: string) => void; onClear: () => void };

function EntryBody({ entry, onRetry }: { entry: ScanEntry; onRetry: (code: string) => void }) {
  const t = useTranslations("scan");
  const tp = useTranslations("parcel");
  if (entry.status === "resolving") return <p className="hint">{t("resolving")}</p>;
  if (entry.status === "not_found") return <p className="scan-entry-error">{t("notFound")}</p>;
  if (entry.status !== "found") {
    return (
      <p className="scan-entry-error">
        {entry.status === "rate_limited" ? t("rateLimited") : t("failed")}{" "}
        <button type="button" className="link-button" onClick={() => onRetry(entry.code)}>
          {t("retry")}
        </button>
      </p>
    );
  }
  const { view } = entry;
  const detail = view.visibility === "full" ? view.recipient.addressDetail : null;
  return (
    <>
      <p className="scan-entry-status">
        <span className="status-badge" data-status={view.status}>
          {tp(`statuses.${view.status}`)}
        </span>
        <span className="scan-entry-visibility">{view.visibility === "full" ? t("fullView") : t("maskedView")}</span>
      </p>
      <p className="scan-entry-recipient">
        <strong data-field="name">{view.recipient.name}</strong> <span data-field="phone">{view.recipient.phone}</span>
      </p>
      <p data-field="address">{[view.recipient.address, detail].filter(Boolean).join(" ")}</p>
    </>
  );
}

/**
 * The courier's running list, newest first; each entry shows what the server allowed their role.
 * Links are not prefetched: a prefetched full view would be audited as a view nobody opened.
 */
export function ScanResults({ entries, onRetry, onClear }: Props) {
  const t = useTranslations("scan");
  return (
    <section className="scan-results" aria-labelledby="scan-results-title">
      <div className="scan-results-head">
        <h2 id="scan-results-title">{t("listTitle", { count: entries.length })}</h2>
        {entries.length > 0 && (
          <button type="button" className="link-button" onClick={onClear}>
            {t("clear")}
          </button>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="hint">{t("listEmpty")}</p>
      ) : (
        <ol className="scan-list">
          {entries.map((entry) => (
            <li key={entry.code} data-code={entry.code} data-status={entry.status}>
              <div className="scan-entry-head">
                <span className="code">{shortCode(entry.code)}</span>
                <Link href={`/p/${entry.code}`} className="link-button" prefetch={false}>
                  {t("open")}
                </Link>
              </div>
              <EntryBody entry={entry} onRetry={onRetry} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
