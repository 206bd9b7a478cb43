// The sign-in form's input, validated the same way by the form page and the server.
import { z } from "zod";

export const signInInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "That email address is too long.")
    .pipe(z.email({ message: "Enter an email address like ada@example.org." })),
  callbackUrl: z.string().max(2000).optional(),
});

/** Where people land after asking for a link, and the short-lived cookie that tells that page which address it went to. */
export const CHECK_EMAIL_PATH = "/signin/check-email";
export const SENT_TO_COOKIE = "pp-sign-in-sent-to";
