import { answerOutages } from "@/lib/http/dependency-errors";
import { myParcelsHandler } from "@/lib/recipient/http/my-parcels-handler";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return answerOutages(() => myParcelsHandler(request));
}
