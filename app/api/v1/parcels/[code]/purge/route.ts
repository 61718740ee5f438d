import { answerOutages } from "@/lib/http/dependency-errors";
import { purgeHandler } from "@/lib/recipient/http/purge-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => purgeHandler(request, code));
}
