"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { IosInstallGuide } from "./install-prompt-ios";
import {
  detectPlatform,
  installPromptAvailable,
  promptInstall,
  subscribeInstallPrompt,
  type InstallPlatform,
} from "./install-prompt-store";

const noSubscription = () => () => undefined;
const serverPlatform = (): InstallPlatform => "unknown";

/**
 * The landing page's install offer: the browser's own install dialog where it offers one, a short
 * illustrated guide on iOS (which has no install event), nothing when already installed. Rendered
 * only after hydration (the server cannot know the platform), so nothing flashes or mismatches.
 */
export function InstallPrompt() {
  const t = useTranslations("install");
  const available = useSyncExternalStore(subscribeInstallPrompt, installPromptAvailable, () => false);
  const platform = useSyncExternalStore(noSubscription, detectPlatform, serverPlatform);
  if (platform === "installed" || platform === "unknown") return null;
  if (available) {
    return (
      <button type="button" className="button install-button" onClick={() => void promptInstall()}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
          <path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" stroke="currentColor" strokeWidth="2.4" fill="none" />
        </svg>
        {t("button")}
      </button>
    );
  }
  return platform === "ios" ? <IosInstallGuide /> : null;
}
