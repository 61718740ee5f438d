"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { NewOutboxItem } from "@/lib/courier/outbox";
import { COURIER_STATUSES, type CourierParcel } from "@/lib/courier/types";
import { allowedNext } from "@/lib/parcels/life-cycle";
import type { ParcelStatus } from "@/lib/parcels/status";
import styles from "./courier.module.css";
import { DeliveredDialog } from "./delivered-dialog";
import { FailedDialog } from "./failed-dialog";

export type Tap = NewOutboxItem;

const COURIER_CAN_SET: ReadonlySet<ParcelStatus> = new Set(COURIER_STATUSES);

/**
 * One big button per next status. After a tap that is still waiting to be sent, the next buttons
 * follow from that status, so a courier can keep working offline.
 */
export function ParcelActions(props: {
  parcel: CourierParcel;
  shownStatus: ParcelStatus | null;
  onTap: (tap: Tap) => void;
}) {
  const { parcel, shownStatus, onTap } = props;
  const t = useTranslations("courier");
  const [asking, setAsking] = useState<"failed_attempt" | "delivered" | null>(null);
  const next = shownStatus ? allowedNext(shownStatus).filter((s) => COURIER_CAN_SET.has(s)) : parcel.next;
  if (next.length === 0) return null;
  const tap = (status: ParcelStatus) => {
    if (status === "failed_attempt" || status === "delivered") setAsking(status);
    else onTap({ code: parcel.code, status });
  };
  const done = (item: Omit<Tap, "code"> | null) => {
    setAsking(null);
    if (item) onTap({ ...item, code: parcel.code });
  };
  return (
    <>
      <div className={styles.actions}>
        {next.map((status) => (
          <button
            key={status}
            type="button"
            className={`button ${status === "failed_attempt" ? "" : "primary"} ${styles.big}`}
            onClick={() => tap(status)}
          >
            {t(`actions.${status}`)}
          </button>
        ))}
      </div>
      {asking === "failed_attempt" && <FailedDialog onDone={done} />}
      {asking === "delivered" && <DeliveredDialog parcel={parcel} onDone={done} />}
    </>
  );
}
