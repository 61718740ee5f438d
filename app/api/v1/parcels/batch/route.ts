import { registerBatchHandler } from "@/lib/parcels/http/register-handler";
import { answerOutages } from "@/lib/http/dependency-errors";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => answerOutages(() => registerBatchHandler(request));
