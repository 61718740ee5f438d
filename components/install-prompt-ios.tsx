import { useTranslations } from "next-intl";

/** Safari's Share symbol: a box with an arrow leaving it upwards. */
const ShareIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="ios-guide-icon">
    <path d="M12 3v12M7.5 7.5 12 3l4.5 4.5" stroke="currentColor" strokeWidth="2" fill="none" />
    <path d="M8 10H5v11h14V10h-3" stroke="currentColor" strokeWidth="2" fill="none" />
  </svg>
);

/** "Add to Home Screen": a rounded square with a plus. */
const AddIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="ios-guide-icon">
    <rect x="3.5" y="3.5" width="17" height="17" rx="4" stroke="currentColor" strokeWidth="2" fill="none" />
    <path d="M12 8v8M8 12h8" stroke="currentColor" strokeWidth="2" />
  </svg>
);

/** The last step: done. */
const DoneIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="ios-guide-icon">
    <path d="m5 12.5 4.5 4.5L19 7.5" stroke="currentColor" strokeWidth="2.4" fill="none" />
  </svg>
);

/** iOS installs only through Safari's Share menu: three illustrated steps behind one disclosure. */
export function IosInstallGuide() {
  const t = useTranslations("install");
  return (
    <details className="ios-guide">
      <summary className="button">{t("iosTitle")}</summary>
      <ol>
        <li>
          <ShareIcon />
          <span>{t("iosShare")}</span>
        </li>
        <li>
          <AddIcon />
          <span>{t("iosAdd")}</span>
        </li>
        <li>
          <DoneIcon />
          <span>{t("iosConfirm")}</span>
        </li>
      </ol>
    </details>
  );
}
