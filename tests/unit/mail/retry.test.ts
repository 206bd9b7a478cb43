import { describe, expect, it } from "vitest";
import { backoffDelay, classifyResendError, parseRetryAfter } from "../../../lib/mail/retry";

describe("what to do after a Resend error", () => {
  it("retries a 429 after the Retry-After seconds the server asked for", () => {
    const failure = classifyResendError(
      { statusCode: 429, name: "rate_limit_exceeded", message: "slow down" },
      { "retry-after": "2" },
    );
    expect(failure).toMatchObject({ retry: true, permanent: false, fatal: false, retryAfterMs: 2000 });
  });

  it("does not retry a 429 for a spent daily or monthly quota, which will not clear in seconds", () => {
    expect(
      classifyResendError({ statusCode: 429, name: "daily_quota_exceeded" }, { "retry-after": "3600" }),
    ).toMatchObject({ retry: false, permanent: false });
  });

  it("retries server errors, timeouts and a request that got no response at all", () => {
    expect(classifyResendError({ statusCode: 500, name: "internal_server_error" }, null).retry).toBe(true);
    expect(classifyResendError({ statusCode: 503, name: "application_error" }, null).retry).toBe(true);
    expect(
      classifyResendError({ statusCode: null, name: "application_error", message: "Unable to fetch data." }, null),
    ).toMatchObject({ retry: true, status: null });
  });

  it("treats a 422 validation error as permanent and as a sign the content was rejected", () => {
    expect(
      classifyResendError({ statusCode: 422, name: "validation_error", message: "Invalid `to` field." }, null),
    ).toMatchObject({
      retry: false,
      permanent: true,
      invalidContent: true,
      message: "422 validation_error: Invalid `to` field.",
    });
  });

  it("stops the whole run for a bad API key or sender, without blaming the recipient", () => {
    for (const error of [
      { statusCode: 401, name: "missing_api_key" as const },
      { statusCode: 403, name: "invalid_api_key" as const },
      { statusCode: 422, name: "invalid_from_address" as const },
    ]) {
      expect(classifyResendError(error, null)).toMatchObject({ fatal: true, permanent: false, retry: false });
    }
  });

  it("retries an idempotent request the provider is still working on, but not a key reused for other content", () => {
    expect(classifyResendError({ statusCode: 409, name: "concurrent_idempotent_requests" }, null).retry).toBe(true);
    expect(classifyResendError({ statusCode: 409, name: "invalid_idempotent_request" }, null)).toMatchObject({
      retry: false,
      permanent: true,
    });
  });
});

describe("Retry-After and backoff", () => {
  it("reads seconds or an HTTP date, and ignores what it cannot read", () => {
    const now = Date.parse("2025-05-01T12:00:00Z");
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter("Thu, 01 May 2025 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("doubles the wait on every retry, jittered within the upper half", () => {
    expect(backoffDelay(1, 100, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, () => 1)).toBe(400);
  });
});
