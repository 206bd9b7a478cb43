// GET /api/papers/counts: the web server answers it before Next (lib/http/personal-state.ts); this route is
// the same answer for `npm run dev`, which runs Next alone.
import { serverPool } from "@/lib/db/pool";
import { answerResponse, createCountsReader, type CountsReader } from "@/lib/http/personal-state";

let counts: CountsReader | undefined;

export async function GET(request: Request): Promise<Response> {
  counts ??= createCountsReader(serverPool());
  return answerResponse(await counts(new URL(request.url).searchParams));
}
