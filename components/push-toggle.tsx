"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { readPushState, tellWorkerLanguage, turnPushOff, turnPushOn, type PushState } from "./push-browser";

type Shown = PushState | "loading" | "busy";

/**
 * "Turn on notifications" for the signed-in person's browser (the recipient's parcels, the
 * owner's parcel page, the courier's list): asks permission, subscribes, and says why it cannot
 * where it cannot (blocked, unsupported, iOS outside the Home Screen). Rendered after hydration:
 * the server cannot know the browser.
 */
export function PushToggle({ audience }: { audience: "recipient" | "courier" }) {
  const t = useTranslations("push");
  const locale = useLocale();
  const [state, setState] = useState<Shown>("loading");
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void readPushState().then(setState, () => setState("off"));
    void tellWorkerLanguage(locale).catch(() => undefined);
  }, [locale]);

  const change = async (to: () => Promise<PushState>) => {
    setState("busy");
    setFailed(false);
    try {
      setState(await to());
    } catch {
      setFailed(true);
      setState("off");
    }
  };

  if (state === "loading") return null;
  const explanation = {
    "ios-home-screen": t("iosHomeScreen"),
    unsupported: t("unsupported"),
    blocked: t("blocked"),
    on: t("on"),
    off: audience === "courier" ? t("offCourier") : t("offRecipient"),
    busy: t("busy"),
  }[state];
  return (
    <section aria-labelledby="push-title" className="push-toggle" data-push-state={state}>
      <h2 id="push-title">{t("title")}</h2>
      <p role="status">{explanation}</p>
      {failed && <p role="alert">{t("failed")}</p>}
      {(state === "off" || state === "busy") && (
        <button
          type="button"
          className="button primary"
          disabled={state === "busy"}
          onClick={() => void change(turnPushOn)}
        >
          {t("turnOn")}
        </button>
      )}
      {state === "on" && (
        <button type="button" className="button" onClick={() => void change(turnPushOff)}>
          {t("turnOff")}
        </button>
      )}
    </section>
  );
}
