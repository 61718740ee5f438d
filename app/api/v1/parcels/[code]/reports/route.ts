import { answerOutages } from "@/lib/http/dependency-errors";
import { postReportHandler } from "@/lib/reports/http/reports-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => postReportHandler(request, code));
}
