import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chartMonths, monthChartSummary, TagMonthChart } from "../../../app/tags/[slug]/_components/tag-month-chart";

function months(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    month: `${2017 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
    count: i % 7,
  }));
}

describe("the papers-per-month chart", () => {
  it("summarises the bars for screen readers", () => {
    expect(monthChartSummary([{ month: "2025-04", count: 3 }], "Video")).toBe(
      "3 papers for Video in Apr 2025; most in Apr 2025 (3).",
    );
    expect(monthChartSummary(months(3), "Video")).toBe(
      "3 papers for Video from Jan 2017 to Mar 2017; most in Mar 2017 (2).",
    );
    expect(monthChartSummary([], "Video")).toBe("No papers for Video yet.");
  });

  it("renders one month as a labelled image", () => {
    const html = renderToStaticMarkup(
      createElement(TagMonthChart, { months: [{ month: "2025-04", count: 3 }], subject: "Video" }),
    );
    expect(html).toContain('role="img"');
    expect(html).toContain("<title id=");
    expect(html).toContain("Apr 2025");
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).not.toMatch(/fill="#000|fill="black/);
  });

  it("shows a single month as one bar of at most 48 units among six labelled months, not a bar across the chart", () => {
    const html = renderToStaticMarkup(
      createElement(TagMonthChart, { months: [{ month: "2025-02", count: 1 }], subject: "Video" }),
    );
    const width = Number(html.match(/<rect [^>]*width="([\d.]+)"/)![1]);
    expect(width).toBeLessThanOrEqual(48);
    expect(html.match(/text-anchor="middle"/g)).toHaveLength(6);
    expect(html).toContain("Sep 2024");
    expect(chartMonths([{ month: "2025-02", count: 1 }]).map((entry) => entry.month)).toEqual([
      "2024-09",
      "2024-10",
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
    ]);
    expect(chartMonths(months(7))).toHaveLength(7);
  });

  it("renders 100 months with at most 8 labels", () => {
    const html = renderToStaticMarkup(createElement(TagMonthChart, { months: months(100), subject: "<b>x</b>" }));
    expect(html.match(/<rect /g)).toHaveLength(100);
    expect(html.match(/text-anchor="middle"/g)!.length).toBeLessThanOrEqual(8);
    expect(html).not.toContain("<b>x</b>");
  });
});
