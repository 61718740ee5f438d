"use client";

import "./install-prompt-store";

/** Loads the install-offer store on every page (see install-prompt-store.ts); renders nothing. */
export function InstallPromptCapture() {
  return null;
}
