// One of two forms of a part of a public page, chosen by CSS from the signed-in hint (html[data-signed-in]):
// both are in the cached page, the right one shows from the first paint, and neither adds a box of its own.
import type { ReactNode } from "react";

export function SignedInSwitch({ signedIn, signedOut }: { signedIn: ReactNode; signedOut: ReactNode }) {
  return (
    <>
      <div className="contents signed-in:hidden">{signedOut}</div>
      <div className="hidden signed-in:contents">{signedIn}</div>
    </>
  );
}
