"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { CameraControls } from "./camera-controls";
import styles from "./camera-scanner.module.css";
import { useCamera, type CameraStatus } from "./use-camera";

type Props = {
  active: boolean;
  onDecoded: (text: string, format: string) => void;
  /** Told whenever the camera's state changes, so the screen can put the fallbacks first. */
  onStatus: (kind: CameraStatus["kind"]) => void;
};

/**
 * The camera part of /scan. It is in the page's own bundle and rendered on the server as
 * "starting": a chunk of its own would be one more round trip before a phone without a camera
 * learns so. The decoder (and, where the browser has no BarcodeDetector, the polyfill) loads only
 * once the camera runs (use-camera.ts). The <video> stays in the DOM in every state, so a
 * (re)start always has it.
 */
export function CameraScanner({ active, onDecoded, onStatus }: Props) {
  const t = useTranslations("scan");
  const video = useRef<HTMLVideoElement>(null);
  const camera = useCamera({ video, active, onDecoded });
  const { status } = camera;
  useEffect(() => onStatus(status.kind), [status.kind, onStatus]);
  return (
    <div className="scanner">
      <div className="viewfinder" data-camera={status.kind} role="group" aria-label={t("viewfinder")}>
        <video ref={video} className={styles.video} muted playsInline aria-hidden="true" />
        <div className="viewfinder-frame" aria-hidden="true" />
        {status.kind === "starting" && (
          // Said before the browser's permission prompt appears: a first visit's prompt is easy
          // to dismiss without reading, and then the camera stays off.
          <p className="viewfinder-state">
            <strong>{t("camera.starting")}</strong>
            <span className="viewfinder-hint">{t("camera.allowHint")}</span>
          </p>
        )}
        {status.kind === "off" && <p className="viewfinder-state">{t("camera.paused")}</p>}
      </div>
      {status.kind === "failed" && (
        <div className="camera-problem" role="alert" data-problem={status.problem}>
          <h2>{t(`problems.${status.problem}.title`)}</h2>
          <p>{t(`problems.${status.problem}.body`)}</p>
          <button type="button" className="button" onClick={camera.restart}>
            {t("restart")}
          </button>
        </div>
      )}
      {status.kind === "running" && status.features && (
        <CameraControls
          features={status.features}
          torchOn={camera.torchOn}
          onTorch={(on) => void camera.setTorch(on).catch(() => undefined)}
          onZoom={(value) => void camera.setZoom(value).catch(() => undefined)}
          onSwitch={camera.switchCamera}
        />
      )}
    </div>
  );
}
