"use server";

import { z } from "zod";
import { getSql } from "@/db/client";
import { authAction } from "@/lib/actions/auth-action";
import { ok, type Result } from "@/lib/core/result";
import { verifyCarrierChain, type ChainReport } from "./verify";

// A public endpoint like every server action: authAction checks session, role and input, and
// the chain walked is always the admin's own carrier's.

/** "Verify log": walks the carrier's hash chain and names the first broken link, if any. */
export const verifyAuditLogAction = authAction(
  ["admin"],
  z.object({}),
  async (_input, user): Promise<Result<ChainReport>> => ok(await verifyCarrierChain(getSql(), user.carrierId)),
);
