import { labelHandler } from "@/lib/parcels/http/label-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  return labelHandler(request, (await params).code);
}
