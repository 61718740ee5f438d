"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { UnreadBadge } from "@/components/unread-badge";
import { isLocale, type Locale } from "@/lib/i18n/locale";
import { formatSeoulDateTime } from "@/lib/i18n/seoul-time";
import type { MyParcel, MyParcelsFilter } from "@/lib/recipient/my-parcels";
import type { ParcelStatus } from "@/lib/parcels/status";
import { recipientQueries } from "@/lib/recipient/queries";
import styles from "./parcels.module.css";

/**
 * Filters and the live list; a filter change fetches in place, the page never reloads.
 * `statuses` come from the server page, so the status module (and its database schema) stays out of the bundle.
 */
export function MyParcelsClient({ statuses }: { statuses: readonly ParcelStatus[] }) {
  const t = useTranslations("recipient.list");
  const tp = useTranslations("parcel");
  const [filter, setFilter] = useState<MyParcelsFilter>({});
  const all = useQuery(recipientQueries.myParcels({}));
  const query = useQuery({ ...recipientQueries.myParcels(filter), placeholderData: keepPreviousData });
  const carriers = all.data?.carriers ?? [];
  const parcels = query.data?.parcels ?? [];
  return (
    <>
      <form className={styles.filters} role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t("status")}
          <select
            value={filter.status ?? ""}
            onChange={(event) =>
              setFilter({ ...filter, status: (event.target.value || undefined) as MyParcelsFilter["status"] })
            }
          >
            <option value="">{t("allStatuses")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {tp(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("carrier")}
          <select
            value={filter.carrier ?? ""}
            onChange={(event) => setFilter({ ...filter, carrier: event.target.value || undefined })}
          >
            <option value="">{t("allCarriers")}</option>
            {carriers.map((carrier) => (
              <option key={carrier.id} value={carrier.id}>
                {carrier.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {query.isError && (
        <p role="alert" className="notice">
          {t("failed")}
        </p>
      )}
      {parcels.length === 0 && !query.isPending ? (
        <p className="notice">{t("empty")}</p>
      ) : (
        <ul className={styles.list} aria-busy={query.isFetching}>
          {parcels.map((parcel) => (
            <ParcelRow key={parcel.code} parcel={parcel} />
          ))}
        </ul>
      )}
    </>
  );
}

function ParcelRow({ parcel }: { parcel: MyParcel }) {
  const t = useTranslations("recipient.list");
  const tp = useTranslations("parcel");
  const language = useLocale();
  const locale: Locale = isLocale(language) ? language : "ko";
  return (
    <li data-code={parcel.code}>
      {/* A parcel page is opened by choice, not fetched for every parcel in view. */}
      <Link href={`/p/${parcel.code}`} prefetch={false}>
        <span className={styles.status} data-status={parcel.status}>
          {tp(`statuses.${parcel.status}`)}
        </span>
        <strong>
          {parcel.itemName ?? tp("title")}{" "}
          <UnreadBadge count={parcel.unreadMessages} label={t("unread", { count: parcel.unreadMessages })} />
        </strong>
        <span className={styles.carrier}>{parcel.carrierName}</span>
        <small>
          {t("latest", { time: formatSeoulDateTime(new Date(parcel.latest.at), locale) })}
          {parcel.latest.place && ` · ${parcel.latest.place}`}
        </small>
      </Link>
    </li>
  );
}
