"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { authAction } from "@/lib/actions/auth-action";
import { requestMeta } from "@/lib/http/request-meta";
import { appDeps } from "@/lib/runtime/app-deps";
import { deleteRecipientAccount } from "./delete-account";

// A public endpoint like every server action: authAction checks session, role and input first.
export const deleteAccountAction = authAction(
  ["recipient"],
  z.object({ password: z.string().min(1, "is required").max(1024) }),
  async ({ password }, user) => deleteRecipientAccount(appDeps(), user, password, requestMeta(await headers())),
);
