import { loginHandler } from "@/lib/auth/http/login-handler";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => loginHandler(request);
