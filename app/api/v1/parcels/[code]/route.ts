import { resolveHandler } from "@/lib/parcels/http/resolve-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  return resolveHandler(request, (await params).code);
}
