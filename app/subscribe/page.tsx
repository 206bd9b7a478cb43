// /subscribe: the digest by email, daily or weekly, for chosen topics; no account needed.
import type { Metadata } from "next";
import { connection } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { topicTags } from "@/lib/subscribers/followed-topics";
import { SubscribeForm } from "./subscribe-form";

export const metadata: Metadata = {
  title: "Subscribe",
  description: "The daily multimodal LLM papers by email: every day or once a week, for the topics you follow.",
};

export default async function SubscribePage() {
  await connection(); // topics come from the database: render per request
  const [topics, user] = await Promise.all([topicTags(), currentUser()]);
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Get the papers by email</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          The new papers of each digest, every day or once a week. We send a link to confirm first; every email has a
          one-click unsubscribe.
          {user ? " Your own account address is subscribed at once." : ""}
        </p>
      </div>
      <SubscribeForm topics={topics} email={user?.email} />
    </div>
  );
}
