// Auth.js's endpoints. A magic-link request posted straight here is throttled like the sign-in page's,
// and every body is read with a bound. Auth.js builds its links from AUTH_URL, which lib/auth/auth.ts
// pins to the configured origin: no Host or X-Forwarded-Host header reaches a link.
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { signInInput } from "@/lib/auth/sign-in-input";
import { clientAddress } from "@/lib/throttle/client-address";
import { throttleSignIn } from "@/lib/throttle/sign-in";
import { BodyTooLargeError, bodyTooLargeResponse, readBodyBytes } from "@/lib/http/read-body";

/** Auth.js accepts the sign-in form as urlencoded or JSON. */
function postedEmail(contentType: string | null, text: string): unknown {
  if (contentType?.includes("application/json")) {
    try {
      return (JSON.parse(text) as { email?: unknown } | null)?.email ?? "";
    } catch {
      return "";
    }
  }
  return new URLSearchParams(text).get("email") ?? "";
}

export async function GET(request: NextRequest): Promise<Response> {
  return handlers.GET(request);
}

export async function POST(incoming: NextRequest): Promise<Response> {
  let body: Uint8Array;
  try {
    body = await readBodyBytes(incoming);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLargeResponse(error);
    throw error;
  }
  if (incoming.nextUrl.pathname.endsWith("/signin/email")) {
    const parsed = signInInput.safeParse({
      email: postedEmail(incoming.headers.get("content-type"), new TextDecoder().decode(body)),
    });
    if (!parsed.success) return Response.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
    const throttle = await throttleSignIn(parsed.data.email, clientAddress(incoming.headers));
    if (!throttle.ok) {
      return Response.json(
        { error: throttle.message },
        { status: 429, headers: { "Retry-After": String(throttle.retryAfterSeconds) } },
      );
    }
  }
  // The body was read once, with a bound; Auth.js reads it again from this copy.
  return handlers.POST(
    new NextRequest(incoming.url, { method: "POST", headers: incoming.headers, body: body as BodyInit }),
  );
}
