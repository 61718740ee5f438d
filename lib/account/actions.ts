"use server";

import { z } from "zod";
import { authAction } from "@/lib/actions/auth-action";
import { appDeps } from "@/lib/runtime/app-deps";
import { deleteRecipientAccount } from "./delete-account";

// A public endpoint like every server action: authAction checks session, role and input first.
export const deleteAccountAction = authAction(
  ["recipient"],
  z.object({ password: z.string().min(1, "is required").max(1024) }),
  ({ password }, user) => deleteRecipientAccount(appDeps(), user, password),
);
