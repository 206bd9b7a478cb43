// The 403 page (forbidden() from lib/auth/require.ts): signed in, but not allowed here.
import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md space-y-3 text-center">
      <p className="text-sm font-semibold text-zinc-500">403</p>
      <h1 className="text-2xl font-semibold tracking-tight">Admins only</h1>
      <p>
        This page is for the site&apos;s admins. An admin can give you access with{" "}
        <code>npm run admin -- grant EMAIL</code>.
      </p>
      <Link href="/" className="inline-block text-sky-700 underline dark:text-sky-400">
        Back to the latest papers
      </Link>
    </div>
  );
}
