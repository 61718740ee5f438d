import { answerOutages } from "@/lib/http/dependency-errors";
import { proofPhotoHandler } from "@/lib/recipient/http/proof-photo-handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  const { code } = await params;
  return answerOutages(() => proofPhotoHandler(request, code));
}
