import { auditPageHandler } from "@/lib/audit/http/audit-handlers";
import { answerOutages } from "@/lib/http/dependency-errors";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => answerOutages(() => auditPageHandler(request));
