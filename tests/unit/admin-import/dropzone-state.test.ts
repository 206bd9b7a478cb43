// The admin dropzone's phases: which chosen files are admitted, how an upload, a date change, an import and a
// cancel move a file's item, and that late answers for items that moved on change nothing.
import { describe, expect, it } from "vitest";
import {
  admitFiles,
  dropzoneReducer,
  initialState,
  type DropzoneEvent,
  type DropzoneState,
  type Item,
} from "../../../app/admin/imports/_components/dropzone-state";
import type { ConfirmedImport, PreviewView } from "../../../lib/admin-import/types";

const limits = { maxFiles: 3, maxFileBytes: 1000 };

function preview(id: string, fileName: string, digestDate: string | null = "2025-05-06"): PreviewView {
  return {
    id,
    fileName,
    fileSize: 10,
    sha256: "a".repeat(64),
    createdBy: "admin@example.org",
    createdAt: "2025-05-06T10:00:00.000Z",
    expiresAt: "2025-05-06T11:00:00.000Z",
    summary: {
      format: "TEXT",
      digestDate,
      dateSource: digestDate ? "file" : "missing",
      dateNote: null,
      papers: 1,
      counts: { new: 1, changed: 0, known: 0, skipped: 0 },
      newPapers: [],
      changedPapers: [],
      knownPapers: [],
      listLimit: 50,
      problems: [],
      moreProblems: 0,
      alreadyImported: null,
      existingDigestPapers: 0,
    },
  };
}

const run: ConfirmedImport = {
  runId: 7,
  file: "a.txt",
  status: "IMPORTED",
  digestDate: "2025-05-06",
  counts: { new: 1, updated: 0, unchanged: 0, skipped: 0 },
  problems: 0,
  error: null,
};

const file = (name: string, size = 10) => ({ name, size });

function apply(state: DropzoneState, ...events: DropzoneEvent[]): DropzoneState {
  return events.reduce(dropzoneReducer, state);
}

/** State after choosing files, admitted against the state's own items. */
function choose(
  state: DropzoneState,
  ...files: { key: string; file: { name: string; size: number } }[]
): DropzoneState {
  return apply(state, { type: "chosen", admission: admitFiles(state.items, files, limits) });
}

const phases = (state: DropzoneState) => state.items.map((item) => `${item.key}:${item.phase}`);
const itemOf = (state: DropzoneState, key: string): Item | undefined => state.items.find((item) => item.key === key);

describe("dropzone state", () => {
  it("previews left unconfirmed earlier are listed as previews, idle", () => {
    const state = initialState([preview("p1", "old.txt")]);
    expect(state.items).toEqual([
      { key: "p1", fileName: "old.txt", phase: "preview", preview: preview("p1", "old.txt"), busy: null, error: null },
    ]);
    expect(state.message).toBeNull();
  });

  it("chosen files start uploading at 0%; one over the size limit is rejected at once and never uploaded", () => {
    const admission = admitFiles(
      [],
      [
        { key: "u1", file: file("a.txt") },
        { key: "u2", file: file("big.txt", 2048) },
      ],
      limits,
    );
    expect(admission.ok && admission.toUpload.map((chosen) => chosen.key)).toEqual(["u1"]);
    const state = apply(initialState([]), { type: "chosen", admission });
    expect(itemOf(state, "u1")).toEqual({ key: "u1", fileName: "a.txt", phase: "uploading", progress: 0 });
    expect(itemOf(state, "u2")).toEqual({
      key: "u2",
      fileName: "big.txt",
      phase: "rejected",
      error: "big.txt: 2 KB is over the limit of 1000 bytes per file",
    });
  });

  it("more files than the limit, counting those still waiting, admits none and says why", () => {
    const waiting = choose(initialState([preview("p1", "old.txt")]), { key: "u1", file: file("a.txt") });
    const state = choose(waiting, { key: "u2", file: file("b.txt") }, { key: "u3", file: file("c.txt") });
    expect(phases(state)).toEqual(["p1:preview", "u1:uploading"]);
    expect(state.message).toBe("You chose 2 files and 2 are waiting: upload at most 3 at a time.");
    // The next admitted choice clears the message.
    expect(choose(state, { key: "u4", file: file("d.txt") }).message).toBeNull();
  });

  it("rejected and imported files do not count as waiting", () => {
    const rejected = choose(initialState([preview("p1", "a.txt")]), { key: "u1", file: file("big.txt", 5000) });
    const state = apply(rejected, { type: "imported", key: "p1", run });
    expect(phases(state)).toEqual(["p1:imported", "u1:rejected"]);
    expect(
      admitFiles(
        state.items,
        [1, 2, 3].map((n) => ({ key: `n${n}`, file: file(`${n}.txt`) })),
        limits,
      ).ok,
    ).toBe(true);
  });

  it("an upload moves its bar, then becomes a preview under the name the admin chose", () => {
    const uploading = choose(initialState([]), { key: "u1", file: file("a.txt") });
    const halfway = apply(uploading, { type: "progress", key: "u1", fraction: 0.5 });
    expect(itemOf(halfway, "u1")).toMatchObject({ phase: "uploading", progress: 0.5 });
    const done = apply(halfway, { type: "uploaded", key: "u1", preview: preview("p9", "a (server).txt") });
    expect(itemOf(done, "u1")).toEqual({
      key: "u1",
      fileName: "a.txt",
      phase: "preview",
      preview: preview("p9", "a (server).txt"),
      busy: null,
      error: null,
    });
  });

  it("a failed upload is rejected with its file name, named once, and can be dismissed", () => {
    const uploading = choose(initialState([]), { key: "u1", file: file("a.txt") }, { key: "u2", file: file("b.txt") });
    const failed = apply(
      uploading,
      { type: "upload-failed", key: "u1", error: "the server answered 500" },
      { type: "upload-failed", key: "u2", error: "b.txt: no papers found" },
    );
    expect(itemOf(failed, "u1")).toMatchObject({ phase: "rejected", error: "a.txt: the server answered 500" });
    expect(itemOf(failed, "u2")).toMatchObject({ phase: "rejected", error: "b.txt: no papers found" });
    expect(phases(apply(failed, { type: "dismissed", key: "u1" }))).toEqual(["u2:rejected"]);
  });

  it("progress for an item that is no longer uploading changes nothing", () => {
    const state = apply(initialState([preview("p1", "old.txt")]), { type: "progress", key: "p1", fraction: 0.7 });
    expect(state).toEqual(initialState([preview("p1", "old.txt")]));
  });

  it("a date change marks the preview busy, clears its error, then shows the re-read preview", () => {
    const failedBefore = apply(initialState([preview("p1", "old.txt", null)]), {
      type: "failed",
      key: "p1",
      error: "earlier problem",
    });
    const busy = apply(failedBefore, { type: "started", key: "p1", action: "date" });
    expect(itemOf(busy, "p1")).toMatchObject({ busy: "date", error: null });
    const dated = apply(busy, { type: "dated", key: "p1", preview: preview("p1", "old.txt", "2025-05-07") });
    expect(itemOf(dated, "p1")).toMatchObject({
      busy: null,
      error: null,
      preview: { summary: { digestDate: "2025-05-07" } },
    });
  });

  it("a failed action leaves the preview in place with the server's error and no longer busy", () => {
    const state = apply(
      initialState([preview("p1", "old.txt")]),
      { type: "started", key: "p1", action: "import" },
      { type: "failed", key: "p1", error: "no such preview" },
    );
    expect(itemOf(state, "p1")).toMatchObject({ phase: "preview", busy: null, error: "no such preview" });
  });

  it("Import turns the preview into its import run", () => {
    const state = apply(
      initialState([preview("p1", "a.txt")]),
      { type: "started", key: "p1", action: "import" },
      { type: "imported", key: "p1", run },
    );
    expect(itemOf(state, "p1")).toEqual({ key: "p1", fileName: "a.txt", phase: "imported", run });
    // A second answer for the same item (a double click) changes nothing more.
    expect(apply(state, { type: "failed", key: "p1", error: "late" })).toEqual(state);
  });

  it("Cancel removes the preview and says nothing was imported; an unknown key changes nothing", () => {
    const start = initialState([preview("p1", "a.txt"), preview("p2", "b.txt")]);
    const state = apply(start, { type: "started", key: "p1", action: "cancel" }, { type: "cancelled", key: "p1" });
    expect(phases(state)).toEqual(["p2:preview"]);
    expect(state.message).toBe("a.txt: cancelled; nothing was imported.");
    expect(apply(state, { type: "cancelled", key: "gone" })).toEqual(state);
  });
});
