// The save-search and follow-author forms share their signed-out answer: a sign-in link that comes back to the page.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SaveSearch } from "../../../app/search/_components/save-search";
import { FollowAuthor } from "../../../components/follow-author";
import { FollowAuthorPicker } from "../../../components/follow-author-picker";
import { signInHref } from "../../../components/sign-in-prompt";

const action = async () => ({});
const returnTo = "/search?q=video benchmark&hasCode=1";
const search = { q: "video benchmark", hasCode: true };
const authors = [{ name: "Ada Lovelace", slug: "ada-lovelace" }];

describe("signing in to follow or save", () => {
  it("the sign-in link carries the page to come back to, encoded", () => {
    expect(signInHref(returnTo)).toBe("/signin?callbackUrl=%2Fsearch%3Fq%3Dvideo%20benchmark%26hasCode%3D1");
  });

  it("signed out, the search page offers sign-in to save the search, and no form", () => {
    const html = renderToStaticMarkup(createElement(SaveSearch, { search, signedIn: false, returnTo, save: action }));
    expect(html).toContain(`href="${signInHref(returnTo).replaceAll("&", "&amp;")}"`);
    expect(html).toContain("to save this search and get its new papers in your digest.");
    expect(html).not.toContain("<form");
  });

  it("signed out, the paper page offers sign-in to follow its authors, and no form", () => {
    const html = renderToStaticMarkup(
      createElement(FollowAuthorPicker, { authors, signedIn: false, returnTo: "/papers/p1", follow: action }),
    );
    expect(html).toContain(`href="${signInHref("/papers/p1")}"`);
    expect(html).toContain("to follow this paper’s authors.");
    expect(html).not.toContain("<form");
  });

  it("the author page's sign-in link comes back to the author page", () => {
    const html = renderToStaticMarkup(
      createElement(FollowAuthor, {
        slug: "ada-lovelace",
        name: "Ada Lovelace",
        following: null,
        returnTo: "/authors/ada-lovelace",
        follow: action,
        unfollow: action,
      }),
    );
    expect(html).toContain(`href="${signInHref("/authors/ada-lovelace")}"`);
    expect(html).toContain("Sign in to follow Ada Lovelace");
  });

  it("signed in, each renders its form with the fields it sends", () => {
    const saveForm = renderToStaticMarkup(
      createElement(SaveSearch, { search, signedIn: true, returnTo, save: action }),
    );
    expect(saveForm).toContain('aria-label="Save this search"');
    expect(saveForm).toContain('name="hasCode" value="1"');
    const pickerForm = renderToStaticMarkup(
      createElement(FollowAuthorPicker, { authors, signedIn: true, returnTo: "/papers/p1", follow: action }),
    );
    expect(pickerForm).toContain('aria-label="Follow an author of this paper"');
    expect(pickerForm).toContain('<option value="ada-lovelace" selected="">Ada Lovelace</option>');
  });
});
