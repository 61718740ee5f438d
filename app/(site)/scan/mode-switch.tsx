import { useTranslations } from "next-intl";
import type { ScanMode } from "./scan-screen";

const MODES: ScanMode[] = ["single", "continuous"];

/** Two large radio buttons (a segmented control), so the mode can be changed with a thumb. */
export function ModeSwitch({ mode, onChange }: { mode: ScanMode; onChange: (mode: ScanMode) => void }) {
  const t = useTranslations("scan");
  return (
    <fieldset className="mode-switch">
      <legend className="visually-hidden">{t("modeLabel")}</legend>
      <div className="mode-options">
        {MODES.map((value) => (
          <label key={value} data-checked={mode === value}>
            <input
              type="radio"
              name="scan-mode"
              value={value}
              checked={mode === value}
              onChange={() => onChange(value)}
            />
            <span>{t(`modes.${value}`)}</span>
          </label>
        ))}
      </div>
      <p className="hint">{t(`modeHints.${mode}`)}</p>
    </fieldset>
  );
}
