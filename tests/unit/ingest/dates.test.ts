import { describe, expect, it } from "vitest";
import { parseDigestDateLine } from "../../../lib/ingest/dates";

const today = "2025-05-01";

describe("digest date lines", () => {
  it.each([
    ["Apr 30", "2025-04-30"],
    ["Apr 30, 2025", "2025-04-30"],
    ["April 30, 2025", "2025-04-30"],
    ["30 Apr 2025", "2025-04-30"],
    ["2025-04-30", "2025-04-30"],
    ["Sept 3, 2024", "2024-09-03"],
    ["Wed, Apr 30", "2025-04-30"],
    ["apr 30   ", "2025-04-30"],
  ])("reads %j as %s", (line, expected) => {
    expect(parseDigestDateLine(line, today)).toBe(expected);
  });

  it("gives a yearless date the latest year that is not after the import day", () => {
    expect(parseDigestDateLine("Apr 30", "2025-04-29")).toBe("2024-04-30");
    expect(parseDigestDateLine("Apr 29", "2025-04-29")).toBe("2025-04-29");
    expect(parseDigestDateLine("Dec 31", "2025-01-01")).toBe("2024-12-31");
  });

  it("gives a yearless Feb 29 the latest leap year", () => {
    expect(parseDigestDateLine("Feb 29", "2025-04-29")).toBe("2024-02-29");
    expect(parseDigestDateLine("Feb 29", "2024-02-28")).toBe("2020-02-29");
  });

  it.each(["Feb 30", "Feb 29, 2025", "Apr 31", "2025-02-30", "2025-13-01"])(
    "does not take the impossible day %j as a date",
    (line) => {
      expect(parseDigestDateLine(line, today)).toBeNull();
    },
  );

  it.each(["Daily Papers", "Subscribe", "Uni-MoE: Scaling Unified Multimodal LLMs", "May the force be with you", ""])(
    "does not take %j as a date",
    (line) => {
      expect(parseDigestDateLine(line, today)).toBeNull();
    },
  );
});
