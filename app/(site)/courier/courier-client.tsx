"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { courierQueries } from "@/lib/courier/queries";
import type { CourierParcel } from "@/lib/courier/types";
import type { SentResult } from "@/lib/courier/outbox-flush";
import { useOutbox } from "@/lib/courier/use-outbox";
import type { ParcelStatus } from "@/lib/parcels/status";
import styles from "./courier.module.css";
import { LogoutButton } from "./logout-button";
import { OutboxPanel } from "./outbox-panel";
import { ReloginBanner } from "./relogin-banner";
import { ParcelCard, type Tap } from "./parcel-card";
import { CourierScanner } from "./courier-scanner";

const REFETCH_AFTER_SENDS_MS = 400;

// Most urgent first: what is on the van now, then what failed, then what is still on its way in.
const GROUP_ORDER: ParcelStatus[] = ["out_for_delivery", "failed_attempt", "in_transit", "picked_up", "registered"];

/**
 * The list, grouped by status with counts; each tap goes through the outbox of `userId` (the courier
 * signed in) and shows at once.
 */
export function CourierClient({ publicUrl, userId }: { publicUrl: string; userId: string }) {
  const t = useTranslations("courier");
  const queryClient = useQueryClient();
  const list = useQuery(courierQueries.list());
  const [scanning, setScanning] = useState(false);

  // One refetch after a burst of sends, not one per item: a refetch per sent tap would fetch the whole
  // list 200 times while 200 queued taps flush, and those fetches would slow the sends themselves.
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetchSoon = useCallback(() => {
    if (refetchTimer.current) clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => {
      refetchTimer.current = null;
      void queryClient.invalidateQueries({ queryKey: courierQueries.all() });
    }, REFETCH_AFTER_SENDS_MS);
  }, [queryClient]);
  useEffect(() => () => void (refetchTimer.current && clearTimeout(refetchTimer.current)), []);
  const onSent = useCallback(
    (result: SentResult) => {
      const status = (result.body as { status?: ParcelStatus } | null)?.status;
      // The server's answer replaces the optimistic one at once; the list is fetched again after the burst.
      queryClient.setQueryData(courierQueries.list().queryKey, (parcels) =>
        parcels?.map((parcel) => (parcel.code === result.code && status ? { ...parcel, status } : parcel)),
      );
      refetchSoon();
    },
    [queryClient, refetchSoon],
  );
  const outbox = useOutbox(userId, onSent, refetchSoon);
  // What the courier tapped and is still waiting to be sent shows as the parcel's status (optimistic);
  // a refused item stops counting, so the card rolls back and the outbox says why.
  const waiting = useMemo(() => {
    const latest = new Map<string, ParcelStatus>();
    for (const item of outbox.items) if (item.state === "pending") latest.set(item.code, item.status);
    return latest;
  }, [outbox.items]);
  const onTap = useCallback((tap: Tap) => void outbox.add(tap), [outbox]);
  const pending = outbox.items.filter((item) => item.state === "pending").length;

  return (
    <div className={styles.screen}>
      <div className={styles.toolbar}>
        <button type="button" className={`button primary ${styles.big}`} onClick={() => setScanning(!scanning)}>
          {scanning ? t("closeScanner") : t("scan")}
        </button>
        <LogoutButton owner={userId} pending={outbox.items.length} />
      </div>
      {scanning && <CourierScanner publicUrl={publicUrl} onTap={onTap} waiting={waiting} />}
      <OutboxPanel items={outbox.items} onRetry={outbox.retry} onDiscard={outbox.discard} />
      {list.isPending && <p role="status">{t("loading")}</p>}
      {list.isError && <p role="alert">{t("loadFailed")}</p>}
      {list.data && <p className={styles.subtitle}>{t("subtitle", { count: list.data.length })}</p>}
      <ParcelGroups parcels={list.data} waiting={waiting} onTap={onTap} />
      {outbox.signedOut && pending > 0 && <ReloginBanner waiting={pending} />}
    </div>
  );
}

type Shown = { parcel: CourierParcel; shown: ParcelStatus | null };

type GroupsProps = {
  parcels: CourierParcel[] | undefined;
  waiting: Map<string, ParcelStatus>;
  onTap: (tap: Tap) => void;
};

/**
 * The cards, grouped. They render as deferred work, which React splits into slices between frames
 * (a day's round arriving at once would otherwise block the page for one long task). Deferred here,
 * in a component that reads no store: a store read in the deferred render (the query's) that
 * changes meanwhile makes React redo that render in one synchronous piece. The list and the taps
 * waiting to be sent are deferred together: one ahead of the other would move a card to its old
 * group and back, remounting it (and closing the dialog the courier has open on it).
 */
function ParcelGroups({ parcels, waiting, onTap }: GroupsProps) {
  const t = useTranslations("courier");
  const current = useMemo(() => ({ parcels: parcels ?? [], waiting }), [parcels, waiting]);
  const shown = useDeferredValue(current);
  const groups = useMemo(() => groupByStatus(shown.parcels, shown.waiting), [shown]);
  return groups.map(([status, entries]) => (
    <section key={status} aria-labelledby={`group-${status}`} className={styles.group}>
      <h2 id={`group-${status}`}>
        {t(`groups.${status}`)} <span className={styles.count}>{entries.length}</span>
      </h2>
      <ul className={styles.cards}>
        {entries.map(({ parcel, shown }) => (
          <ParcelCard key={parcel.code} parcel={parcel} shownStatus={shown} onTap={onTap} />
        ))}
      </ul>
    </section>
  ));
}

function groupByStatus(parcels: CourierParcel[], waiting: Map<string, ParcelStatus>): [ParcelStatus, Shown[]][] {
  const groups = new Map<ParcelStatus, Shown[]>();
  for (const parcel of parcels) {
    const shown = waiting.get(parcel.code) ?? null;
    const status = shown ?? parcel.status;
    if (status === "delivered" || status === "returned") continue;
    groups.set(status, [...(groups.get(status) ?? []), { parcel, shown }]);
  }
  return GROUP_ORDER.flatMap((status) => (groups.has(status) ? [[status, groups.get(status)!] as const] : []));
}
