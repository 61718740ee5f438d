"use client";

import { useTranslations } from "next-intl";
import type { CourierParcel } from "@/lib/courier/types";
import type { ParcelStatus } from "@/lib/parcels/status";
import { AddressReveal } from "./address-reveal";
import styles from "./courier.module.css";
import { ParcelActions, type Tap } from "./parcel-actions";
import { ParcelMessages } from "./parcel-messages";

export type { Tap };

/** One parcel: masked address, "show address" and the thread while delivering, and the next-status buttons. */
export function ParcelCard(props: {
  parcel: CourierParcel;
  shownStatus: ParcelStatus | null;
  onTap: (tap: Tap) => void;
}) {
  const { parcel, shownStatus } = props;
  const t = useTranslations("courier");
  const tp = useTranslations("parcel");
  return (
    <li className={styles.card} data-code={parcel.code}>
      <p className={styles.address}>{parcel.maskedAddress}</p>
      <p className={styles.meta}>
        {tp(`statuses.${parcel.status}`)}
        {parcel.itemName && ` · ${parcel.itemName}`} · <code>{parcel.code.slice(-6)}</code>
      </p>
      {shownStatus && (
        <p className={styles.waiting} role="status">
          {t("waiting", { status: t(`actions.${shownStatus}`) })}
        </p>
      )}
      {parcel.next.length > 0 && <AddressReveal code={parcel.code} />}
      {parcel.next.length > 0 && <ParcelMessages parcel={parcel} />}
      <ParcelActions {...props} />
    </li>
  );
}
