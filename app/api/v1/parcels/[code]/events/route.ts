import { eventsHandler } from "@/lib/parcels/http/events-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context) {
  return eventsHandler(request, (await params).code);
}
