import type { Html5Qrcode } from "./html5-qrcode";

export type ZoomRange = { min: number; max: number; step: number; value: number };

export type CameraFeatures = {
  torch: boolean;
  zoom: ZoomRange | null;
  /** Every camera of the device, for the switch button (shown only when there are several). */
  deviceIds: string[];
  currentDeviceId: string | null;
};

type FocusCapabilities = MediaTrackCapabilities & { focusMode?: string[] };

/** Continuous autofocus where the camera offers it: labels are read at 10–30 cm, often moving. */
async function focusContinuously(scanner: Html5Qrcode): Promise<void> {
  const capabilities = scanner.getRunningTrackCapabilities() as FocusCapabilities;
  if (!capabilities.focusMode?.includes("continuous")) return;
  const advanced = [{ focusMode: "continuous" }] as unknown as MediaTrackConstraintSet[];
  await scanner.applyVideoConstraints({ advanced }).catch(() => undefined);
}

function zoomRange(scanner: Html5Qrcode): ZoomRange | null {
  const zoom = scanner.getRunningTrackCameraCapabilities().zoomFeature();
  if (!zoom.isSupported()) return null;
  const [min, max] = [zoom.min(), zoom.max()];
  if (!(max > min)) return null;
  return { min, max, step: zoom.step() || (max - min) / 20, value: zoom.value() ?? min };
}

/** What the running camera can do; every probe is optional, so a missing API only hides a control. */
export async function readCameraFeatures(scanner: Html5Qrcode): Promise<CameraFeatures> {
  await focusContinuously(scanner).catch(() => undefined);
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  const settings = scanner.getRunningTrackSettings();
  return {
    torch: scanner.getRunningTrackCameraCapabilities().torchFeature().isSupported(),
    zoom: zoomRange(scanner),
    deviceIds: devices.filter((d) => d.kind === "videoinput" && d.deviceId).map((d) => d.deviceId),
    currentDeviceId: settings.deviceId ?? null,
  };
}
