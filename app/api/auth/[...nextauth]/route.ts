// Auth.js's endpoints. A magic-link request posted straight here is throttled like the sign-in page's.
import { NextRequest } from "next/server";
import { siteUrlFromHeaders } from "@/lib/api/site-url";
import { handlers } from "@/lib/auth/auth";
import { signInInput } from "@/lib/auth/sign-in-input";
import { clientAddress, throttleSignIn } from "@/lib/auth/throttle";

/**
 * `next start` hands route handlers a URL on the host it listens on (localhost), not the one the
 * visitor used (127.0.0.1, a LAN name, the proxy's host). Auth.js builds its links and checks
 * callback URLs against that origin, so it is replaced by the visitor's origin (SITE_URL, or the
 * validated Host / X-Forwarded-Host), as next-auth itself does when AUTH_URL is set.
 */
function onVisitorOrigin(request: NextRequest): NextRequest {
  const origin = new URL(siteUrlFromHeaders(request.headers, request.nextUrl.origin)).origin;
  if (origin === request.nextUrl.origin) return request;
  return new NextRequest(request.nextUrl.href.replace(request.nextUrl.origin, origin), request);
}

export async function GET(request: NextRequest): Promise<Response> {
  return handlers.GET(onVisitorOrigin(request));
}

export async function POST(incoming: NextRequest): Promise<Response> {
  const request = onVisitorOrigin(incoming);
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
