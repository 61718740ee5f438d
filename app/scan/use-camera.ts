import { Html5Qrcode, Html5QrcodeScannerState } from "./html5-qrcode";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createCameraGate } from "@/lib/scan/camera-gate";
import { cameraProblemOf, type CameraProblem } from "@/lib/scan/camera-problem";
import { readCameraFeatures, type CameraFeatures } from "./camera-features";
import { formatNameOf, SCANNER_CONFIG } from "./formats";

export type CameraStatus =
  | { kind: "off" }
  | { kind: "starting" }
  // Features arrive a moment after the picture (probing the camera takes a few ms).
  | { kind: "running"; features: CameraFeatures | null }
  | { kind: "failed"; problem: CameraProblem };

type Options = {
  /** The element html5-qrcode fills with its <video>; React must render nothing inside it. */
  elementId: string;
  /** False while the screen does not want the camera (e.g. a parcel is being opened). */
  active: boolean;
  onDecoded: (text: string, format: string) => void;
};

// One physical camera per page, whatever mounts and unmounts (see lib/scan/camera-gate.ts).
const gate = createCameraGate();

/** Decoding ten frames a second is plenty for a label held still and leaves the phone cool. */
const SCAN_CONFIG = { fps: 10, disableFlip: true };

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}

/**
 * The camera as the scan screen sees it: started with the back camera, stopped when the screen
 * unmounts (route change), when it is hidden (app in the background: the camera light goes off)
 * and started again when it comes back; a failure becomes a CameraProblem to explain.
 */
export function useCamera({ elementId, active, onDecoded }: Options) {
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const visible = useDocumentVisible();
  const scannerRef = useRef<Html5Qrcode | null>(null);
  const decodedRef = useRef(onDecoded);
  useEffect(() => {
    decodedRef.current = onDecoded;
  }, [onDecoded]);

  // Hidden → stopped; shown again (back from the background, or from the settings app where the
  // user allowed the camera) → a fresh start, whatever the last attempt came to.
  const wanted = active && visible;
  // Each start is a run; what a run reports (and the torch it switched on) counts only while it is
  // the current run, so a stopped run finishing late cannot overwrite its successor.
  const run = `${deviceId ?? "back"}#${attempt}`;
  const [reported, setReported] = useState<{ run: string; status: CameraStatus } | null>(null);
  const [torch, setTorchState] = useState<{ run: string; on: boolean } | null>(null);

  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const report = (status: CameraStatus) => current && setReported({ run, status });
    const scanner = new Html5Qrcode(elementId, SCANNER_CONFIG);
    const release = gate.open(
      {
        async start() {
          await scanner.start(
            deviceId ?? { facingMode: "environment" },
            SCAN_CONFIG,
            (text, result) => decodedRef.current(text, formatNameOf(result)),
            undefined,
          );
          scannerRef.current = scanner;
          report({ kind: "running", features: null });
          const features = await readCameraFeatures(scanner).catch(() => null);
          if (scannerRef.current === scanner) report({ kind: "running", features });
        },
        async stop() {
          if (scannerRef.current === scanner) scannerRef.current = null;
          if (scanner.getState() !== Html5QrcodeScannerState.NOT_STARTED) await scanner.stop();
          scanner.clear();
        },
      },
      (error) => report({ kind: "failed", problem: cameraProblemOf(error) }),
    );
    return () => {
      current = false;
      // A hidden page's run is over: on return the camera starts afresh under a new run.
      setReported(null);
      release();
    };
  }, [wanted, run, deviceId, elementId]);

  const status = useMemo<CameraStatus>(() => {
    if (!wanted) return { kind: "off" };
    return reported?.run === run ? reported.status : { kind: "starting" };
  }, [wanted, reported, run]);
  const torchOn = torch?.run === run && torch.on;

  const setTorch = useCallback(
    async (on: boolean) => {
      const scanner = scannerRef.current;
      if (!scanner) return;
      await scanner.getRunningTrackCameraCapabilities().torchFeature().apply(on);
      setTorchState({ run, on });
    },
    [run],
  );

  const setZoom = useCallback(async (value: number) => {
    await scannerRef.current?.getRunningTrackCameraCapabilities().zoomFeature().apply(value);
  }, []);

  const switchCamera = useCallback(() => {
    if (status.kind !== "running" || !status.features) return;
    const { deviceIds, currentDeviceId } = status.features;
    const next = deviceIds[(deviceIds.indexOf(currentDeviceId ?? "") + 1) % deviceIds.length];
    if (next) setDeviceId(next);
  }, [status]);

  const restart = useCallback(() => setAttempt((n) => n + 1), []);

  return { status, torchOn, setTorch, setZoom, switchCamera, restart };
}
