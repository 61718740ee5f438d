import { answerOutages } from "@/lib/http/dependency-errors";
import { listReportsHandler } from "@/lib/reports/http/reports-handler";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return answerOutages(() => listReportsHandler(request));
}
