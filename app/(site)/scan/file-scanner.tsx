"use client";

import { useTranslations } from "next-intl";
import { useState, type ChangeEvent } from "react";

type Props = { onDecoded: (text: string, format: string) => void; onNothingFound: () => void };

/**
 * The photo fallback: works without camera permission (the file picker offers the camera app and
 * the gallery). The photo goes through the camera's own detector, imported on first use.
 */
export function FileScanner({ onDecoded, onNothingFound }: Props) {
  const t = useTranslations("scan");
  const [reading, setReading] = useState(false);

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so that picking the same photo again fires another change.
    event.target.value = "";
    if (!file) return;
    setReading(true);
    try {
      const { decodeImageFile } = await import("./decode-file");
      const { rawValue, format } = await decodeImageFile(file);
      onDecoded(rawValue, format);
    } catch {
      onNothingFound();
    } finally {
      setReading(false);
    }
  }

  return (
    <div className="file-scanner">
      <label className="button file-button" aria-busy={reading}>
        <input type="file" accept="image/*" className="visually-hidden" onChange={onChange} disabled={reading} />
        <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26">
          <rect x="3" y="5" width="18" height="14" rx="3" stroke="currentColor" strokeWidth="2" fill="none" />
          <path d="m6 16 4-4 3 3 2-2 3 3" stroke="currentColor" strokeWidth="2" fill="none" />
        </svg>
        <span>{reading ? t("fileReading") : t("file")}</span>
      </label>
      <p className="hint">{t("fileHint")}</p>
    </div>
  );
}
