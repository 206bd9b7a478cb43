// What /admin/outbox says when RESEND_API_KEY is set: mail goes to Resend, so the local outbox is not where to look.
export function NoOutbox() {
  return (
    <p>
      RESEND_API_KEY is set, so mail goes out through Resend and nothing is written to the local outbox. Resend&apos;s
      dashboard shows what was sent; bounces and complaints come back through the webhook at{" "}
      <code>/api/webhooks/resend</code>.
    </p>
  );
}
