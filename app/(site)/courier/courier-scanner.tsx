"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { courierQueries } from "@/lib/courier/queries";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import type { ParcelStatus } from "@/lib/parcels/status";
import { interpretScan } from "@/lib/scan/interpret";
import { ManualEntry } from "../scan/manual-entry";
import styles from "./courier.module.css";
import { ParcelCard, type Tap } from "./parcel-card";

// The /scan page's own camera component, loaded only when the courier opens the scanner.
const CameraScanner = dynamic(() => import("../scan/camera-scanner").then((module) => module.CameraScanner), {
  ssr: false,
});

type Props = { publicUrl: string; onTap: (tap: Tap) => void; waiting: Map<string, ParcelStatus> };

/** Scan in a row: each label once, newest on top, each with what this courier may see and do. */
export function CourierScanner({ publicUrl, onTap, waiting }: Props) {
  const [codes, setCodes] = useState<string[]>([]);
  const seen = useRef(new Set<string>());
  const add = useCallback((code: string) => {
    if (seen.current.has(code)) return;
    seen.current.add(code);
    navigator.vibrate?.(60);
    setCodes((previous) => [code, ...previous]);
  }, []);
  const onDecoded = useCallback(
    (text: string, format: string) => {
      const result = interpretScan(text, publicUrl, format);
      if (result.kind === "code") add(result.code);
    },
    [add, publicUrl],
  );
  return (
    <section className={styles.scanner} aria-label="scanner">
      <CameraScanner active onDecoded={onDecoded} onStatus={() => {}} />
      <ManualEntry initiallyInvalid={false} onCode={add} />
      <ul className={styles.cards}>
        {codes.map((code) => (
          <ScannedRow key={code} code={code} onTap={onTap} shown={waiting.get(code) ?? null} />
        ))}
      </ul>
    </section>
  );
}

function ScannedRow({ code, onTap, shown }: { code: string; onTap: (tap: Tap) => void; shown: ParcelStatus | null }) {
  const t = useTranslations("courier");
  const queryClient = useQueryClient();
  const scanned = useQuery(courierQueries.scanned(code));
  if (scanned.isPending) return <li className={styles.card}>…</li>;
  if (scanned.isError) {
    const throttled = scanned.error instanceof ApiRequestError && scanned.error.status === 429;
    return <li className={styles.card}>{t(throttled ? "errors.rate_limited" : "errors.not_found")}</li>;
  }
  const parcel = scanned.data;
  if (parcel.assigned) return <ParcelCard parcel={parcel} shownStatus={shown} onTap={onTap} />;
  const claim = async () => {
    await fetchJson(`/api/v1/parcels/${encodeURIComponent(code)}/claim`, { method: "POST" });
    await queryClient.invalidateQueries({ queryKey: courierQueries.all() });
  };
  return (
    <li className={styles.card} data-code={code}>
      <p className={styles.address}>{parcel.maskedAddress}</p>
      <p className={styles.meta}>{t("notMine")}</p>
      {parcel.claimable && (
        <button type="button" className={`button primary ${styles.big}`} onClick={claim}>
          {t("claim")}
        </button>
      )}
    </li>
  );
}
