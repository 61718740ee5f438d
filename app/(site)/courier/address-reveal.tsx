"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { RevealedAddress } from "@/lib/courier/types";
import { fetchJson } from "@/lib/query/fetch-json";
import styles from "./courier.module.css";

const SHOWN_FOR_MS = 20_000;

/**
 * The full address on request: one audited reveal on the server, kept only in this component's
 * state (never in the query cache or IndexedDB), hidden again after 20 s or when the app leaves
 * the screen.
 */
export function AddressReveal({ code }: { code: string }) {
  const t = useTranslations("courier");
  const [address, setAddress] = useState<RevealedAddress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!address) return;
    const timer = setTimeout(() => setAddress(null), SHOWN_FOR_MS);
    const hide = () => document.visibilityState === "hidden" && setAddress(null);
    document.addEventListener("visibilitychange", hide);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", hide);
    };
  }, [address]);

  const reveal = async () => {
    setProblem(null);
    const result = await fetchJson<RevealedAddress>(`/api/v1/courier/parcels/${encodeURIComponent(code)}/address`, {
      method: "POST",
    });
    if (result.ok) setAddress(result.data);
    else setProblem(t("revealFailed", { message: result.message }));
  };

  if (!address) {
    return (
      <>
        <button type="button" className={`button ${styles.big}`} onClick={reveal}>
          {t("showAddress")}
        </button>
        {problem && <p role="alert">{problem}</p>}
      </>
    );
  }
  return (
    <div className={styles.revealed} data-testid="revealed-address">
      <p>
        <strong>{address.address}</strong> {address.addressDetail}
        {address.postalCode && ` (${address.postalCode})`}
      </p>
      {address.memo && <p>{address.memo}</p>}
      <p className={styles.meta}>{t("addressHiddenSoon")}</p>
      <button type="button" className={`button ${styles.big}`} onClick={() => setAddress(null)}>
        {t("hideAddress")}
      </button>
    </div>
  );
}
