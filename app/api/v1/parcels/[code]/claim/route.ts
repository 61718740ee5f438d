import { claimHandler } from "@/lib/courier/http/courier-handlers";
import { answerOutages } from "@/lib/http/dependency-errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => claimHandler(request, code));
}
