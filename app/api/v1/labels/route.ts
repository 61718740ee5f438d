import { labelSheetHandler } from "@/lib/parcels/http/label-handler";
import { answerOutages } from "@/lib/http/dependency-errors";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => answerOutages(() => labelSheetHandler(request));
