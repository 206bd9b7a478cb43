// Auth.js's endpoints. A magic-link request posted straight here is throttled like the sign-in page's.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { signInInput } from "@/lib/auth/sign-in-input";
import { clientAddress, throttleSignIn } from "@/lib/auth/throttle";

export const GET = handlers.GET;

export async function POST(request: NextRequest): Promise<Response> {
  if (request.nextUrl.pathname.endsWith("/signin/email")) {
    const form = await request.clone().formData().catch(() => null);
    const parsed = signInInput.safeParse({ email: form?.get("email") ?? "" });
    if (!parsed.success) return Response.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
    const throttle = await throttleSignIn(parsed.data.email, clientAddress(request.headers));
    if (!throttle.ok) {
      return Response.json({ error: throttle.message }, { status: 429, headers: { "Retry-After": String(throttle.retryAfterSeconds) } });
    }
  }
  return handlers.POST(request);
}
