import { labelHandler } from "@/lib/parcels/http/label-handler";
import { answerOutages } from "@/lib/http/dependency-errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => labelHandler(request, code));
}
