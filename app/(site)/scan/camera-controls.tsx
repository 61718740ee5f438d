import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CameraFeatures } from "./camera-stream";

type Props = {
  features: CameraFeatures;
  torchOn: boolean;
  onTorch: (on: boolean) => void;
  onZoom: (value: number) => void;
  onSwitch: () => void;
};

const TorchIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26">
    <path d="M13 2 5 14h6l-1 8 8-12h-6z" fill="currentColor" />
  </svg>
);

const SwitchIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26">
    <path d="M4 8h11l-3-3M20 16H9l3 3" stroke="currentColor" strokeWidth="2.2" fill="none" />
  </svg>
);

/** Only what this camera supports: a light, a switch when there are several cameras, a zoom slider. */
export function CameraControls({ features, torchOn, onTorch, onZoom, onSwitch }: Props) {
  const t = useTranslations("scan");
  const [zoom, setZoom] = useState(features.zoom?.value ?? 1);
  if (!features.torch && !features.zoom && features.deviceIds.length < 2) return null;
  return (
    <div className="camera-controls">
      {features.torch && (
        <button type="button" className="icon-button" aria-pressed={torchOn} onClick={() => onTorch(!torchOn)}>
          <TorchIcon />
          <span>{torchOn ? t("torchOff") : t("torchOn")}</span>
        </button>
      )}
      {features.deviceIds.length > 1 && (
        <button type="button" className="icon-button" onClick={onSwitch}>
          <SwitchIcon />
          <span>{t("switchCamera")}</span>
        </button>
      )}
      {features.zoom && (
        <label className="zoom-control">
          <span>{t("zoom")}</span>
          <input
            type="range"
            min={features.zoom.min}
            max={features.zoom.max}
            step={features.zoom.step}
            value={zoom}
            onChange={(event) => {
              const value = Number(event.target.value);
              setZoom(value);
              onZoom(value);
            }}
          />
        </label>
      )}
    </div>
  );
}
