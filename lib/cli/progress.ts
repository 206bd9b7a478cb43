// A progress bar on stderr for long-running commands; silent when stderr is not a terminal.

export type Progress = { update(done: number): void; finish(): void };

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  // Small files finish before a bar would be readable.
  if (!stream.isTTY || total < 4 * 1_048_576) return { update: () => undefined, finish: () => undefined };
  const width = 30;
  let last = 0;
  const draw = (done: number) => {
    const fraction = Math.min(1, done / total);
    const filled = Math.round(fraction * width);
    stream.write(
      `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${megabytes(done)} / ${megabytes(total)}`,
    );
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done);
    },
    finish() {
      draw(total);
      stream.write("\n");
    },
  };
}

/**
 * A bar over a count of items (the days of a fetch range), drawn on every step; silent for one item or
 * when stderr is not a terminal. `clear()` wipes it before a line is printed, the next step redraws it.
 */
export function countBar(
  label: string,
  total: number,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress & { clear(): void } {
  if (!stream.isTTY || total < 2) return { update: () => undefined, finish: () => undefined, clear: () => undefined };
  const width = 30;
  const draw = (done: number) => {
    const filled = Math.round(Math.min(1, done / total) * width);
    stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done} / ${total} ${unit}`);
  };
  return {
    update: draw,
    finish() {
      draw(total);
      stream.write("\n");
    },
    clear: () => stream.write("\r\x1b[2K"),
  };
}
