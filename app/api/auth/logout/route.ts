import { logoutHandler } from "@/lib/auth/http/logout-handler";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => logoutHandler(request);
