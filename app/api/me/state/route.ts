// GET /api/me/state: the web server answers it before Next (lib/http/personal-state.ts); this route is the
// same answer for `npm run dev`, which runs Next alone.
import { serverPool } from "@/lib/db/pool";
import { answerResponse, personalState } from "@/lib/http/personal-state";

export async function GET(request: Request): Promise<Response> {
  const cookie = request.headers.get("cookie") ?? undefined;
  return answerResponse(await personalState(serverPool(), cookie, new URL(request.url).searchParams));
}
