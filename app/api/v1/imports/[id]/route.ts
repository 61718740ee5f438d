import { answerOutages } from "@/lib/http/dependency-errors";
import { importStatusHandler } from "@/lib/imports/http/imports-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = async (request: Request, { params }: Context) => {
  const { id } = await params;
  return answerOutages(() => importStatusHandler(request, id));
};
