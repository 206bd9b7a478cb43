"use client";
// What is personal on a public page (the account, my votes, saves and tags, whom I follow) and the counts
// that move too fast to bake into a cached page: fetched once per page view for what the page shows, then
// kept in step by the page's own mutations. Signed in (the pp_signed_in hint the head script turned into
// html[data-signed-in]), one call to /api/me/state; signed out, only the shared /api/papers/counts.
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { CLEAR_ADMIN_HINT, CLEAR_HINT, SET_ADMIN_HINT } from "@/lib/http/signed-in-hint";

type Account = { email: string; name: string | null; isAdmin: boolean };
export type PaperState = { upvoted: boolean; saved: boolean; myTags: string[]; upvotes: number; saves: number };
type Counts = { upvotes: number; saves: number };

export type PersonalView = {
  /** unknown: not yet read (the server's render and hydration); the rest once the browser has looked. */
  status: "unknown" | "signed-out" | "signed-in";
  account: Account | null;
  /** Signed in: each asked paper's state once the call answered. */
  papers: Readonly<Record<number, PaperState>>;
  /** Signed out: each asked paper's fresh counts. */
  counts: Readonly<Record<number, Counts>>;
  /** Signed in: whether the reader follows each asked author (by slug). */
  authors: Readonly<Record<string, boolean>>;
};

const INITIAL: PersonalView = { status: "unknown", account: null, papers: {}, counts: {}, authors: {} };

type StateAnswer = {
  signedIn: boolean;
  user: Account | null;
  papers: Record<string, PaperState>;
  authors?: Record<string, boolean>;
};

function createStore() {
  let view = INITIAL;
  const listeners = new Set<() => void>();
  const wanted = { papers: new Set<number>(), authors: new Set<string>() };
  const asked = { papers: new Set<number>(), authors: new Set<string>(), account: false };
  let scheduled = false;

  function update(next: Partial<PersonalView>) {
    view = { ...view, ...next };
    for (const listener of listeners) listener();
  }

  /** Keeps the admin hint and html[data-admin] (the header's Admin link) in step with what the server said. */
  function keepAdminHint(isAdmin: boolean) {
    const root = document.documentElement;
    if (isAdmin === root.hasAttribute("data-admin")) return;
    document.cookie = isAdmin ? SET_ADMIN_HINT : CLEAR_ADMIN_HINT;
    root.toggleAttribute("data-admin", isAdmin);
  }

  function signedOut() {
    document.cookie = CLEAR_HINT;
    document.documentElement.removeAttribute("data-signed-in");
    keepAdminHint(false);
    update({ status: "signed-out", account: null, papers: {}, authors: {} });
  }

  async function askCounts(ids: number[]) {
    if (ids.length === 0) return;
    const response = await fetch(`/api/papers/counts?ids=${ids.join(",")}`);
    if (!response.ok) return;
    const body = (await response.json()) as { papers: Record<string, Counts> };
    update({ counts: { ...view.counts, ...body.papers } });
  }

  async function askState(ids: number[], authors: string[]) {
    const params = new URLSearchParams();
    if (ids.length) params.set("papers", ids.join(","));
    if (authors.length) params.set("authors", authors.join(","));
    const query = params.toString();
    const response = await fetch(`/api/me/state${query ? `?${query.replace(/%2C/g, ",")}` : ""}`, {
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`/api/me/state answered ${response.status}`);
    const body = (await response.json()) as StateAnswer;
    if (!body.signedIn) {
      signedOut();
      await askCounts(ids);
      return;
    }
    // An asked paper the answer leaves out no longer exists: a neutral state rather than a busy one forever.
    const papers: Record<number, PaperState> = { ...view.papers };
    for (const id of ids)
      papers[id] = body.papers[id] ?? { upvoted: false, saved: false, myTags: [], upvotes: 0, saves: 0 };
    keepAdminHint(body.user?.isAdmin === true);
    update({
      status: "signed-in",
      account: body.user,
      papers,
      authors: { ...view.authors, ...body.authors },
    });
  }

  async function flush() {
    scheduled = false;
    const signedIn = document.documentElement.hasAttribute("data-signed-in");
    const ids = [...wanted.papers].filter((id) => !asked.papers.has(id));
    const authors = [...wanted.authors].filter((slug) => !asked.authors.has(slug));
    for (const id of ids) asked.papers.add(id);
    for (const slug of authors) asked.authors.add(slug);
    if (!signedIn) {
      if (view.status !== "signed-out") update({ status: "signed-out" });
      await askCounts(ids);
      return;
    }
    if (ids.length === 0 && authors.length === 0 && asked.account) return;
    asked.account = true;
    // A page lists at most 100 papers; the route takes 200 at a time.
    for (let start = 0; start === 0 || start < ids.length; start += 200)
      await askState(ids.slice(start, start + 200), start === 0 ? authors : []);
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // After this commit's effects: every control on the page has said what it shows, so one call asks for all.
    setTimeout(() => {
      flush().catch(() => {
        // The page stays usable: controls stay busy until the next page view asks again.
      });
    }, 0);
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => view,
    start: schedule,
    wantPaper(id: number) {
      wanted.papers.add(id);
      schedule();
    },
    wantAuthor(slug: string) {
      wanted.authors.add(slug);
      schedule();
    },
    setPaper(id: number, change: Partial<PaperState>) {
      const current = view.papers[id];
      if (current) update({ papers: { ...view.papers, [id]: { ...current, ...change } } });
    },
    setAuthor(slug: string, following: boolean) {
      update({ authors: { ...view.authors, [slug]: following } });
    },
  };
}

type Store = ReturnType<typeof createStore>;
const StoreContext = createContext<Store | null>(null);

export function PersonalStateProvider({ children }: { children: ReactNode }) {
  const store = useStore();
  useEffect(() => store.start(), [store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

let browserStore: Store | null = null;
/** One store per browser page, kept across client navigations (the root layout never unmounts); one per server render. */
function useStore(): Store {
  if (typeof window === "undefined") return createStore();
  return (browserStore ??= createStore());
}

function useStoreContext(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error("PersonalStateProvider is missing from the root layout.");
  return store;
}

/** The personal view, read by the header and the controls. */
export function usePersonalView(): PersonalView {
  const store = useStoreContext();
  return useSyncExternalStore(store.subscribe, store.get, () => INITIAL);
}

/** Says that this page shows the paper's personal state or counts; returns the store's mutators. */
export function usePaper(paperId: number) {
  const store = useStoreContext();
  useEffect(() => store.wantPaper(paperId), [store, paperId]);
  return { view: usePersonalView(), setPaper: (change: Partial<PaperState>) => store.setPaper(paperId, change) };
}

/** Says that this page shows whether the reader follows the author. */
export function useAuthor(slug: string) {
  const store = useStoreContext();
  useEffect(() => store.wantAuthor(slug), [store, slug]);
  return { view: usePersonalView(), setFollowing: (following: boolean) => store.setAuthor(slug, following) };
}
