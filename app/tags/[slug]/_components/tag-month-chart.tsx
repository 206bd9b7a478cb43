// Papers per month as a server-rendered SVG bar chart: no client JavaScript, colours from currentColor and
// Tailwind classes so it reads in dark mode, a text summary for screen readers.

type Props = {
  /** Contiguous months ("YYYY-MM"), oldest first, as lib/tags/queries.ts papersPerMonth returns them. */
  months: { month: string; count: number }[];
  /** What is counted, for the summary: e.g. the tag's name. */
  subject: string;
};

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WIDTH = 640;
const HEIGHT = 180;
const PLOT_TOP = 16;
const PLOT_BOTTOM = 148;
const LEFT = 36;
const RIGHT = 8;
/** At most this many month labels, so 100 months do not overprint (every Nth month, January preferred). */
const MAX_LABELS = 8;
/** A young tag's chart still spans half a year (the months before it, empty), so one month is one bar among six, not the whole width. */
const MIN_SLOTS = 6;
/** Widest bar, in chart units: a few months are bars, not blocks. */
const MAX_BAR = 48;

/** The months shown: the tag's months, preceded by empty ones up to MIN_SLOTS (`padding` marks those: no bar). */
export function chartMonths(months: Props["months"]): { month: string; count: number; padding?: true }[] {
  const padded: { month: string; count: number; padding?: true }[] = [...months];
  while (padded.length > 0 && padded.length < MIN_SLOTS) {
    const [year, number] = padded[0]!.month.split("-").map(Number) as [number, number];
    const previous = number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, "0")}`;
    padded.unshift({ month: previous, count: 0, padding: true });
  }
  return padded;
}

function monthLabel(month: string, withYear: boolean): string {
  const [year, number] = month.split("-");
  const name = MONTH_NAMES[Number(number) - 1] ?? month;
  return withYear ? `${name} ${year}` : name;
}

/** The summary a screen reader hears instead of the bars. */
export function monthChartSummary(months: Props["months"], subject: string): string {
  if (months.length === 0) return `No papers for ${subject} yet.`;
  const total = months.reduce((sum, entry) => sum + entry.count, 0);
  const peak = months.reduce((best, entry) => (entry.count > best.count ? entry : best), months[0]!);
  const span =
    months.length === 1
      ? `in ${monthLabel(months[0]!.month, true)}`
      : `from ${monthLabel(months[0]!.month, true)} to ${monthLabel(months[months.length - 1]!.month, true)}`;
  return `${total} ${total === 1 ? "paper" : "papers"} for ${subject} ${span}; most in ${monthLabel(peak.month, true)} (${peak.count}).`;
}

function niceMax(value: number): number {
  if (value <= 5) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= value)!;
  return step * magnitude;
}

export function TagMonthChart({ months: tagMonths, subject }: Props) {
  const summary = monthChartSummary(tagMonths, subject);
  if (tagMonths.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{summary}</p>;
  const months = chartMonths(tagMonths);
  const max = niceMax(Math.max(...months.map((entry) => entry.count)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const slot = plotWidth / months.length;
  // A gap between bars while they are wide enough to show one; 100 months become touching slivers.
  const barWidth = Math.min(MAX_BAR, Math.max(1, slot > 6 ? slot * 0.7 : slot));
  const every = Math.max(1, Math.ceil(months.length / MAX_LABELS));
  const y = (count: number) => PLOT_BOTTOM - ((PLOT_BOTTOM - PLOT_TOP) * count) / max;
  const titleId = `chart-title-${subject.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  return (
    <figure className="text-zinc-700 dark:text-zinc-300">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        className="h-auto w-full"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{summary}</title>
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={PLOT_BOTTOM}
          y2={PLOT_BOTTOM}
          stroke="currentColor"
          strokeOpacity={0.4}
        />
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={PLOT_TOP}
          y2={PLOT_TOP}
          stroke="currentColor"
          strokeOpacity={0.15}
          strokeDasharray="3 3"
        />
        <text x={LEFT - 6} y={PLOT_TOP + 4} textAnchor="end" fontSize={11} fill="currentColor">
          {max}
        </text>
        <text x={LEFT - 6} y={PLOT_BOTTOM + 4} textAnchor="end" fontSize={11} fill="currentColor">
          0
        </text>
        {months.map((entry, index) => {
          if (entry.padding) return null;
          const x = LEFT + index * slot + (slot - barWidth) / 2;
          const top = y(entry.count);
          return (
            <rect
              key={entry.month}
              x={x}
              y={top}
              width={barWidth}
              height={PLOT_BOTTOM - top}
              className="fill-sky-600 dark:fill-sky-400"
            >
              <title>{`${monthLabel(entry.month, true)}: ${entry.count}`}</title>
            </rect>
          );
        })}
        {months.map((entry, index) =>
          index % every === 0 ? (
            <text
              key={`label-${entry.month}`}
              x={LEFT + index * slot + slot / 2}
              y={PLOT_BOTTOM + 16}
              textAnchor="middle"
              fontSize={11}
              fill="currentColor"
            >
              {monthLabel(entry.month, index === 0 || entry.month.endsWith("-01") || every > 1)}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
