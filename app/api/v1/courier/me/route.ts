import { courierMeHandler } from "@/lib/courier/http/courier-handlers";
import { answerOutages } from "@/lib/http/dependency-errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return answerOutages(() => courierMeHandler(request));
}
