// The wrappers every route handler that needs a person runs through (after dub's withWorkspace): same
// origin for mutations, the session, the admin role for withAdmin, then the bounded, zod-checked body.
// The handler gets `{ request, user, body, params }`; anything it throws becomes the JSON 500.
import "server-only";
import type { z } from "zod";
import { checkAdmin } from "../auth/admin-check";
import { userFromRequest, type SessionUser } from "../auth/session";
import { parseJsonBody } from "./json-body";
import { jsonError, withApiErrors } from "./responses";
import { isSameOrigin } from "./same-origin";

type BodySchema = z.ZodType | undefined;
type BodyOf<S extends BodySchema> = S extends z.ZodType ? z.output<S> : undefined;

type Guarded<S extends BodySchema, K extends string> = {
  request: Request;
  user: SessionUser;
  /** Parsed by `options.body`; undefined (and the body unread) when the route declares no schema. */
  body: BodyOf<S>;
  params: Record<K, string>;
};

type UserRouteOptions<S extends BodySchema, K extends string> = {
  /** The JSON body's schema. Routes with another body (the multipart upload) read `request` themselves. */
  body?: S;
  /** The route's dynamic segments, e.g. ["slug"] for app/api/papers/[slug]/. */
  params?: readonly K[];
};

type AdminRouteOptions<S extends BodySchema, K extends string> = UserRouteOptions<S, K> & {
  /** Ends the 403's sentence: "only admins can <can>". */
  can?: string;
};

/** What Next calls: a route's exported POST, PATCH, DELETE... */
type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

function guard<S extends BodySchema, K extends string>(
  handler: (guarded: Guarded<S, K>) => Promise<Response>,
  options: AdminRouteOptions<S, K>,
  admin: boolean,
): RouteHandler {
  return (request, context) =>
    withApiErrors(`${request.method} ${new URL(request.url).pathname}`, async () => {
      // Before the session or the body: a page on another site must not even make us read them.
      if (!READS.has(request.method) && !isSameOrigin(request.headers))
        return jsonError(403, "cross-site requests cannot change anything here");
      const user = await userFromRequest(request);
      if (!user) return jsonError(401, "sign in first: /signin");
      // Before the body: a non-admin cannot make the server read a 20 MB upload.
      if (admin) {
        const check = checkAdmin(user, options.can);
        if (!check.ok) return jsonError(check.status, check.error);
      }
      let body: unknown;
      if (options.body) {
        const parsed = await parseJsonBody(request, options.body);
        if (!parsed.ok) return parsed.response;
        body = parsed.body;
      }
      const params = await routeParams(context, options.params ?? []);
      return handler({ request, user, body: body as BodyOf<S>, params });
    });
}

async function routeParams<K extends string>(
  context: { params: Promise<Record<string, unknown>> } | undefined,
  names: readonly K[],
): Promise<Record<K, string>> {
  const given = (await context?.params) ?? {};
  const params = {} as Record<K, string>;
  for (const name of names) {
    const value = given[name];
    // Next always fills a matched segment; a missing one means the route and its options disagree.
    if (typeof value !== "string")
      throw new Error(`route parameter "${name}" is missing: check the route's params option`);
    params[name] = value;
  }
  return params;
}

/** For routes any signed-in person may use. */
export function withUser<S extends BodySchema = undefined, K extends string = never>(
  handler: (guarded: Guarded<S, K>) => Promise<Response>,
  options: UserRouteOptions<S, K> = {},
): RouteHandler {
  return guard(handler, options, false);
}

/** For admin routes: the role is checked with lib/auth/admin-check.ts before the body is read. */
export function withAdmin<S extends BodySchema = undefined, K extends string = never>(
  handler: (guarded: Guarded<S, K>) => Promise<Response>,
  options: AdminRouteOptions<S, K> = {},
): RouteHandler {
  return guard(handler, options, true);
}
