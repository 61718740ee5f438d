import { answerOutages } from "@/lib/http/dependency-errors";
import { createImportHandler } from "@/lib/imports/http/imports-handler";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => answerOutages(() => createImportHandler(request));
