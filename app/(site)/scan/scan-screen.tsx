"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { resolveParcelAction } from "@/lib/parcels/actions";
import { shortCode } from "@/lib/parcels/code";
import { interpretScan, shouldAnnounceAgain, type AnnouncementMemory } from "@/lib/scan/interpret";
import { emptySession, hasScanned, sessionReducer, type Outcome, type SessionAction } from "@/lib/scan/scan-session";
import { CameraScanner } from "./camera-scanner";
import { successFeedback, unlockAudio } from "./feedback";
import { FileScanner } from "./file-scanner";
import { ManualEntry } from "./manual-entry";
import { ModeSwitch } from "./mode-switch";
import { ScanResults } from "./scan-results";

export type ScanMode = "single" | "continuous";
type Notice = { tone: "info" | "success" | "warning"; text: string };

async function lookUp(code: string): Promise<Outcome> {
  try {
    const result = await resolveParcelAction(code);
    if (result.ok) return { kind: "found", view: result.data };
    return { kind: result.error.code === "rate_limited" ? "rate_limited" : "not_found" };
  } catch {
    return { kind: "failed" };
  }
}

type Props = { publicUrl: string; initialMode: ScanMode; manualInvalid: boolean };

/**
 * /scan: one decision for every source (camera, photo, typed code). Single mode opens the parcel;
 * continuous mode (couriers) takes each code once per visit, beeps, and resolves it inline with the
 * view the courier's role allows. Everything said is also announced in one live region.
 */
export function ScanScreen({ publicUrl, initialMode, manualInvalid }: Props) {
  const t = useTranslations("scan");
  const router = useRouter();
  const [mode, setMode] = useState<ScanMode>(initialMode);
  const [opening, setOpening] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [cameraFailed, setCameraFailed] = useState(false);
  const onCameraStatus = useCallback((kind: string) => setCameraFailed(kind === "failed"), []);
  // The session lives in a ref as well as in state: decodes arrive faster than React re-renders,
  // and "each code once" must hold between two frames.
  const [session, setSession] = useState(emptySession);
  const sessionRef = useRef(session);
  const lastAnnouncement = useRef<AnnouncementMemory>(null);
  const openingRef = useRef(false);

  const update = useCallback((action: SessionAction) => {
    sessionRef.current = sessionReducer(sessionRef.current, action);
    setSession(sessionRef.current);
  }, []);

  const announceOnce = useCallback((key: string, next: Notice) => {
    const now = Date.now();
    if (!shouldAnnounceAgain(lastAnnouncement.current, key, now)) return;
    lastAnnouncement.current = { key, at: now };
    setNotice(next);
  }, []);

  const resolve = useCallback(
    async (code: string) => update({ type: "settle", code, outcome: await lookUp(code) }),
    [update],
  );

  const openCode = useCallback(
    (code: string) => {
      if (mode === "single") {
        if (openingRef.current) return;
        openingRef.current = true;
        setOpening(true);
        setNotice({ tone: "success", text: t("opening") });
        router.push(`/p/${code}`);
        return;
      }
      if (hasScanned(sessionRef.current, code)) {
        announceOnce(`duplicate:${code}`, { tone: "info", text: t("duplicate", { code: shortCode(code) }) });
        return;
      }
      update({ type: "admit", code });
      successFeedback();
      lastAnnouncement.current = { key: `duplicate:${code}`, at: Date.now() };
      setNotice({ tone: "success", text: t("added", { code: shortCode(code) }) });
      void resolve(code);
    },
    [mode, router, t, update, resolve, announceOnce],
  );

  const onDecoded = useCallback(
    (text: string, format: string) => {
      const result = interpretScan(text, publicUrl, format);
      if (result.kind === "code") return openCode(result.code);
      announceOnce(`refused:${text}`, { tone: "warning", text: t(`refused.${result.reason}`) });
    },
    [publicUrl, openCode, announceOnce, t],
  );

  const retry = (code: string) => {
    update({ type: "retry", code });
    void resolve(code);
  };

  return (
    <div className="scan-screen" onPointerDown={unlockAudio} data-camera-failed={cameraFailed}>
      <h1 className="scan-title">{t("title")}</h1>
      <CameraScanner active={!opening} onDecoded={onDecoded} onStatus={onCameraStatus} />
      {/* Always in the DOM (a live region must exist before it speaks); empty while the camera's
          own problem panel does the talking. */}
      <p className="scan-notice" role="status" aria-live="polite" data-tone={notice?.tone ?? "info"}>
        {notice?.text ?? (cameraFailed ? "" : t("lead"))}
      </p>
      {/* Below the picture, within a thumb's reach; couriers start in "in a row" anyway. */}
      <ModeSwitch
        mode={mode}
        onChange={(next) => {
          unlockAudio();
          setMode(next);
        }}
      />
      {mode === "continuous" && (
        <ScanResults entries={session.entries} onRetry={retry} onClear={() => update({ type: "clear" })} />
      )}
      <section className="scan-fallbacks" aria-labelledby="scan-fallbacks-title">
        <h2 id="scan-fallbacks-title">{t("fallbackTitle")}</h2>
        <FileScanner
          onDecoded={onDecoded}
          onNothingFound={() => setNotice({ tone: "warning", text: t("fileNoCode") })}
        />
        <ManualEntry initiallyInvalid={manualInvalid} onCode={openCode} />
      </section>
    </div>
  );
}
