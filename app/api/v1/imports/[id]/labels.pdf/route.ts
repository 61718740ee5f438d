import { answerOutages } from "@/lib/http/dependency-errors";
import { importLabelsHandler } from "@/lib/parcels/http/label-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = async (request: Request, { params }: Context) => {
  const { id } = await params;
  return answerOutages(() => importLabelsHandler(request, id));
};
