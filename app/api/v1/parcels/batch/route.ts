import { registerBatchHandler } from "@/lib/parcels/http/register-handler";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => registerBatchHandler(request);
