import { answerOutages } from "@/lib/http/dependency-errors";
import { disclosuresHandler } from "@/lib/recipient/http/disclosures-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => disclosuresHandler(request, code));
}
