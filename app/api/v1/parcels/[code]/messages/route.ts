import { answerOutages } from "@/lib/http/dependency-errors";
import { getMessagesHandler, postMessageHandler } from "@/lib/messages/http/messages-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => getMessagesHandler(request, code));
}

export async function POST(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => postMessageHandler(request, code));
}
