import { labelSheetHandler } from "@/lib/parcels/http/label-handler";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => labelSheetHandler(request);
