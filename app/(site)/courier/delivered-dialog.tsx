"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { resizePhoto } from "@/lib/courier/resize-photo";
import type { CourierParcel } from "@/lib/courier/types";
import { needsPhoto, needsPin } from "@/lib/parcels/proof-requirement";
import styles from "./courier.module.css";
import { DialogButtons } from "./dialog-buttons";
import type { Tap } from "./parcel-actions";

/** "Delivered" with the proof the parcel asks for: a photo from the camera and/or the recipient's PIN. */
export function DeliveredDialog(props: { parcel: CourierParcel; onDone: (item: Omit<Tap, "code"> | null) => void }) {
  const { parcel, onDone } = props;
  const t = useTranslations("courier");
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [pin, setPin] = useState("");
  const [resizing, setResizing] = useState(false);
  const askPin = needsPin(parcel.proof) && !parcel.pinLocked;
  const photoNeeded = needsPhoto(parcel.proof) || (needsPin(parcel.proof) && parcel.pinLocked);
  const ready = !resizing && (!photoNeeded || photo !== null) && (!askPin || /^\d{4}$/.test(pin));
  return (
    <form
      className={styles.dialog}
      aria-labelledby="delivered-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onDone({ status: "delivered", ...(photo ? { photo } : {}), ...(askPin ? { pin } : {}) });
      }}
    >
      <h3 id="delivered-title">{t("deliveredTitle")}</h3>
      {parcel.pinLocked && needsPin(parcel.proof) && <p role="alert">{t("pinLocked")}</p>}
      <label className={styles.field}>
        {t("photo")}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          required={photoNeeded}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            setResizing(true);
            try {
              setPhoto(file ? await resizePhoto(file) : null);
            } finally {
              setResizing(false);
            }
          }}
        />
      </label>
      {photo && <p role="status">{t("photoAttached")}</p>}
      {askPin && (
        <label className={styles.field}>
          {t("pin")}
          <input
            inputMode="numeric"
            autoComplete="off"
            pattern="\d{4}"
            maxLength={4}
            required
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ""))}
          />
        </label>
      )}
      <DialogButtons ready={ready} onCancel={() => onDone(null)} />
    </form>
  );
}
