"use server";

import { authAction } from "@/lib/actions/auth-action";
import { appDeps } from "@/lib/runtime/app-deps";
import { saveCarrierSettings, settingsSchema } from "./settings";

// A public endpoint like every server action: authAction checks session, role and input first;
// the carrier is the admin's own, never one named in the input.
export const saveCarrierSettingsAction = authAction(["admin"], settingsSchema, (input, user) =>
  saveCarrierSettings(appDeps(), user.carrierId, input),
);
