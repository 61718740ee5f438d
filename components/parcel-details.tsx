import { getFormatter, getTranslations } from "next-intl/server";
import { shortCode } from "@/lib/parcels/code";
import type { ParcelView } from "@/lib/parcels/parcel-view";

type Row = [field: string, value: string | null];

/** Masked views carry no detail and no memo at all; full views carry everything. */
function recipientRows({ visibility, recipient }: ParcelView): Row[] {
  const common: Row[] = [
    ["name", recipient.name],
    ["phone", recipient.phone],
    ["address", recipient.address],
  ];
  if (visibility === "masked") return [...common, ["postalCode", recipient.postalCode]];
  return [
    ...common,
    ["addressDetail", recipient.addressDetail],
    ["postalCode", recipient.postalCode],
    ["memo", recipient.memo],
  ];
}

/** One parcel as its viewer may see it; renders only what the server already decided to send. */
export async function ParcelDetails({ view }: { view: ParcelView }) {
  const [t, tc, format] = await Promise.all([getTranslations("parcel"), getTranslations("courier"), getFormatter()]);
  const recipient = recipientRows(view);
  return (
    <article className="parcel" data-visibility={view.visibility}>
      <header>
        <p className="status-badge" data-status={view.status}>
          {t(`statuses.${view.status}`)}
        </p>
        <h1>{view.itemName ?? t("title")}</h1>
        <dl className="facts">
          <dt>{t("carrier")}</dt>
          <dd>{view.carrierName}</dd>
          <dt>{t("code")}</dt>
          <dd className="code">{shortCode(view.code)}</dd>
        </dl>
      </header>
      <section aria-labelledby="recipient-title" className="recipient">
        <h2 id="recipient-title">{t("recipient")}</h2>
        <p className="privacy-note">
          {view.expired ? t("expired") : view.visibility === "full" ? t("full") : t("masked")}
        </p>
        <dl className="facts">
          {recipient
            .filter(([, value]) => value)
            .map(([field, value]) => (
              <div key={field}>
                <dt>{t(field)}</dt>
                <dd data-field={field}>{value}</dd>
              </div>
            ))}
        </dl>
      </section>
      {view.visibility === "full" && view.timeline.length > 0 && (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("timeline")}</h2>
          <ol className="timeline">
            {view.timeline.map((entry, i) => (
              <li key={i}>
                <strong>{t(`statuses.${entry.status}`)}</strong>{" "}
                <time dateTime={entry.at}>
                  {format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "short" })}
                </time>
                {entry.reason && <span> · {tc(`reasons.${entry.reason}`)}</span>}
                {entry.note && <span> · {entry.note}</span>}
                {entry.place && <span> · {entry.place}</span>}
                {entry.by?.name && <span> · {entry.by.name}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
