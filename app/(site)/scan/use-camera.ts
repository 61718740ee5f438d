import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { createCameraGate } from "@/lib/scan/camera-gate";
import { cameraProblemOf, type CameraProblem } from "@/lib/scan/camera-problem";
import { decodeFrame } from "@/lib/scan/decode-frame";
import { loadDetector } from "@/lib/scan/load-detector";
import { openCamera, readCameraFeatures, setTorch, setZoom, stopCamera, type CameraFeatures } from "./camera-stream";
import { startFrameLoop } from "./frame-loop";

export type CameraStatus =
  | { kind: "off" }
  | { kind: "starting" }
  // Features arrive a moment after the picture (probing the camera takes a few ms).
  | { kind: "running"; features: CameraFeatures | null }
  | { kind: "failed"; problem: CameraProblem };

type Options = {
  video: RefObject<HTMLVideoElement | null>;
  /** False while the screen does not want the camera (e.g. a parcel is being opened). */
  active: boolean;
  onDecoded: (text: string, format: string) => void;
};

// One physical camera per page, whatever mounts and unmounts (see lib/scan/camera-gate.ts).
const gate = createCameraGate();

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

/** A started camera: its stream shown in the <video>, its frames going to the decoder. */
async function startScanning(video: HTMLVideoElement, deviceId: string | null, onCode: Options["onDecoded"]) {
  const stream = await openCamera(deviceId);
  try {
    video.srcObject = stream;
    await video.play();
  } catch (error) {
    stopCamera(stream);
    throw error;
  }
  // Only now the decoder (where there is no native one, the polyfill and its WebAssembly): the page
  // paints without it, and a visitor who denies the camera never downloads it.
  void loadDetector().catch(() => undefined);
  const stopLoop = startFrameLoop(video, async (frame) => {
    const found = await decodeFrame(await loadDetector(), frame);
    if (found) onCode(found.rawValue, found.format);
  });
  return {
    track: stream.getVideoTracks()[0]!,
    stop() {
      stopLoop();
      stopCamera(stream);
      video.srcObject = null;
    },
  };
}

/**
 * The camera as the scan screen sees it: started with the back camera, stopped when the screen
 * unmounts (route change), when it is hidden (app in the background: the camera light goes off)
 * and started again when it comes back; a failure becomes a CameraProblem to explain.
 */
export function useCamera({ video, active, onDecoded }: Options) {
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const visible = useDocumentVisible();
  const trackRef = useRef<MediaStreamTrack | null>(null);
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
    const element = video.current;
    if (!wanted || !element) return;
    let current = true;
    let scanning: Awaited<ReturnType<typeof startScanning>> | null = null;
    const report = (status: CameraStatus) => current && setReported({ run, status });
    const release = gate.open(
      {
        async start() {
          scanning = await startScanning(element, deviceId, (text, format) => decodedRef.current(text, format));
          trackRef.current = scanning.track;
          report({ kind: "running", features: null });
          const features = await readCameraFeatures(scanning.track).catch(() => null);
          if (trackRef.current === scanning.track) report({ kind: "running", features });
        },
        async stop() {
          if (trackRef.current === scanning?.track) trackRef.current = null;
          scanning?.stop();
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
  }, [wanted, run, deviceId, video]);

  const status = useMemo<CameraStatus>(() => {
    if (!wanted) return { kind: "off" };
    return reported?.run === run ? reported.status : { kind: "starting" };
  }, [wanted, reported, run]);
  const torchOn = torch?.run === run && torch.on;

  const switchTorch = useCallback(
    async (on: boolean) => {
      if (!trackRef.current) return;
      await setTorch(trackRef.current, on);
      setTorchState({ run, on });
    },
    [run],
  );

  const zoom = useCallback(async (value: number) => {
    if (trackRef.current) await setZoom(trackRef.current, value);
  }, []);

  const switchCamera = useCallback(() => {
    if (status.kind !== "running" || !status.features) return;
    const { deviceIds, currentDeviceId } = status.features;
    const next = deviceIds[(deviceIds.indexOf(currentDeviceId ?? "") + 1) % deviceIds.length];
    if (next) setDeviceId(next);
  }, [status]);

  const restart = useCallback(() => setAttempt((n) => n + 1), []);

  return { status, torchOn, setTorch: switchTorch, setZoom: zoom, switchCamera, restart };
}
