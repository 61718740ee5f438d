"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { ALL_ROLES, authAction } from "@/lib/actions/auth-action";
import { ok } from "@/lib/core/result";
import { requestMeta } from "@/lib/http/request-meta";
import { appDeps } from "@/lib/runtime/app-deps";
import {
  changePassword,
  createStaffAccount,
  disableStaffAccount,
  endOwnSession,
  revokeStaffSessions,
  staffInputSchema,
} from "./accounts";
import { revokeUserSessions } from "./session-store";

// Every export here is a public endpoint: each goes through authAction (session, role, schema).

export const endSessionAction = authAction(ALL_ROLES, z.object({ jti: z.string().min(1).max(100) }), ({ jti }, user) =>
  endOwnSession(appDeps().redis, user, jti),
);

export const endOtherSessionsAction = authAction(ALL_ROLES, z.object({}), async (_, user) =>
  ok({ endedSessions: await revokeUserSessions(appDeps().redis, user.userId, { except: user.jti }) }),
);

export const changePasswordAction = authAction(
  ALL_ROLES,
  z.object({ current: z.string().min(1).max(1024), next: z.string().min(1).max(1024) }),
  async (input, user) => changePassword(appDeps(), user, input, requestMeta(await headers())),
  // The one action a session with a temporary password may call: changing it.
  { pendingPassword: "allow" },
);

export const createStaffAction = authAction(["admin"], staffInputSchema, (input, user) =>
  // The admin hands the password over: the new account must change it at first login.
  createStaffAccount(appDeps().db, user.carrierId, input, { temporary: true }),
);

const staffTarget = z.object({ userId: z.uuid() });

export const disableStaffAction = authAction(["admin"], staffTarget, ({ userId }, user) =>
  disableStaffAccount(appDeps(), user.carrierId, userId),
);

export const revokeStaffSessionsAction = authAction(["admin"], staffTarget, ({ userId }, user) =>
  revokeStaffSessions(appDeps(), user.carrierId, userId),
);
