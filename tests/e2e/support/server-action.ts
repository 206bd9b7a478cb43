// A form's server-action request as the browser sends it, captured (and stopped) so a test can replay it
// from a script with headers a browser never sends: a forged Host or X-Forwarded-Host, no Origin.
import type { Browser } from "playwright-core";
import { request, type RawResponse } from "./raw-http";
import { waitForShortcuts } from "./pages";

export type CapturedAction = { path: string; headers: Record<string, string>; body: Buffer };

/**
 * Opens `pagePath`, lets `fill` fill the form with `email` and submit it, and captures the POST the
 * browser makes; the request is aborted, so the server never sees it.
 */
export async function captureFormAction(
  browser: Browser,
  baseUrl: string,
  pagePath: string,
  fill: (page: import("playwright-core").Page) => Promise<void>,
): Promise<CapturedAction> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${pagePath}`);
    await waitForShortcuts(page);
    let resolveCaptured!: (action: CapturedAction) => void;
    const captured = new Promise<CapturedAction>((resolve) => (resolveCaptured = resolve));
    await page.route(
      (url) => url.origin === new URL(baseUrl).origin,
      async (route) => {
        const sent = route.request();
        const headers = await sent.allHeaders();
        if (sent.method() !== "POST" || !headers["next-action"]) return route.continue();
        const url = new URL(sent.url());
        resolveCaptured({
          path: `${url.pathname}${url.search}`,
          headers,
          body: sent.postDataBuffer() ?? Buffer.alloc(0),
        });
        await route.abort();
      },
    );
    await fill(page);
    return await captured;
  } finally {
    await context.close();
  }
}

/**
 * Replays a captured action with `email` in place of `originalEmail`, without the browser's Origin,
 * Referer and Host, plus `headers` (a forged Host, X-Forwarded-Host...): as a script, not a browser, sends it.
 */
export function replayAction(
  baseUrl: string,
  action: CapturedAction,
  originalEmail: string,
  email: string,
  headers: Record<string, string>,
): Promise<RawResponse> {
  const kept = Object.fromEntries(
    Object.entries(action.headers).filter(
      ([name]) =>
        !["origin", "referer", "host", "content-length", "cookie"].includes(name.toLowerCase()) &&
        !name.startsWith(":"),
    ),
  );
  const body = Buffer.from(action.body.toString("latin1").replaceAll(originalEmail, email), "latin1");
  return request(baseUrl, action.path, { method: "POST", headers: { ...kept, ...headers }, body });
}
