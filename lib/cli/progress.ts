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
    stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${megabytes(done)} / ${megabytes(total)}`);
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
