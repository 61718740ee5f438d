/**
 * The camera itself, straight from getUserMedia: the back camera (or the one the user switched
 * to), what it can do (light, zoom, other cameras), and turning those on.
 */
export type ZoomRange = { min: number; max: number; step: number; value: number };

export type CameraFeatures = {
  torch: boolean;
  zoom: ZoomRange | null;
  /** Every camera of the device, for the switch button (shown only when there are several). */
  deviceIds: string[];
  currentDeviceId: string | null;
};

// Torch, zoom and focus mode are in the Image Capture spec, not yet in TypeScript's DOM types.
type ExtraCapabilities = MediaTrackCapabilities & {
  torch?: boolean;
  zoom?: { min: number; max: number; step?: number };
  focusMode?: string[];
};
type ExtraConstraints = MediaTrackConstraintSet & { torch?: boolean; zoom?: number; focusMode?: string };

/** 1280×720 is plenty for a label at 10–30 cm and keeps each frame's decode short on a phone. */
export async function openCamera(deviceId: string | null): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error("mediaDevices not supported");
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  const camera = deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: "environment" } };
  return navigator.mediaDevices.getUserMedia({ video: { ...camera, ...size }, audio: false });
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

const capabilitiesOf = (track: MediaStreamTrack): ExtraCapabilities => track.getCapabilities?.() ?? {};

const apply = (track: MediaStreamTrack, constraint: ExtraConstraints) =>
  track.applyConstraints({ advanced: [constraint] });

function zoomRange(track: MediaStreamTrack): ZoomRange | null {
  const zoom = capabilitiesOf(track).zoom;
  if (!zoom || !(zoom.max > zoom.min)) return null;
  const value = (track.getSettings() as { zoom?: number }).zoom ?? zoom.min;
  return { min: zoom.min, max: zoom.max, step: zoom.step || (zoom.max - zoom.min) / 20, value };
}

/** What the running camera can do; every probe is optional, so a missing API only hides a control. */
export async function readCameraFeatures(track: MediaStreamTrack): Promise<CameraFeatures> {
  // Continuous autofocus where offered: labels are read at 10–30 cm, often moving.
  if (capabilitiesOf(track).focusMode?.includes("continuous")) {
    await apply(track, { focusMode: "continuous" }).catch(() => undefined);
  }
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  return {
    torch: capabilitiesOf(track).torch === true,
    zoom: zoomRange(track),
    deviceIds: devices.filter((d) => d.kind === "videoinput" && d.deviceId).map((d) => d.deviceId),
    currentDeviceId: track.getSettings().deviceId ?? null,
  };
}

export const setTorch = (track: MediaStreamTrack, on: boolean) => apply(track, { torch: on });
export const setZoom = (track: MediaStreamTrack, value: number) => apply(track, { zoom: value });
