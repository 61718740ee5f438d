import { reissueHandler } from "@/lib/parcels/http/reissue-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context) {
  return reissueHandler(request, (await params).code);
}
