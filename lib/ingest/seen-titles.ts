// Owns the text parser's memory of the titles it has seen (duplicate detection, on by default: the dry run,
// the preview): 64 bits of each title key's sha256 and the line of its first paper, in typed arrays.

const INITIAL_SLOTS = 1024;

/**
 * An open-addressing table (linear probing, at most half full) of 12 bytes a slot, outside the V8 heap:
 * a Map of 53-bit numbers kept each key as a heap number and grew the dry run's peak RSS by ~90 MB per
 * million papers; this takes 24-36 MB, and nothing for the garbage collector to walk.
 */
export class SeenTitles {
  private high = new Uint32Array(INITIAL_SLOTS);
  private low = new Uint32Array(INITIAL_SLOTS);
  /** 0 marks an empty slot: lines are numbered from 1. */
  private lines = new Uint32Array(INITIAL_SLOTS);
  private size = 0;

  /** The line of the first title with this sha256 (of its title key), or undefined after recording `line` for it. */
  firstLineOrAdd(hash: Uint8Array, line: number): number | undefined {
    const high = ((hash[0]! << 24) | (hash[1]! << 16) | (hash[2]! << 8) | hash[3]!) >>> 0;
    const low = ((hash[4]! << 24) | (hash[5]! << 16) | (hash[6]! << 8) | hash[7]!) >>> 0;
    const slot = this.find(high, low);
    if (this.lines[slot] !== 0) return this.lines[slot];
    this.high[slot] = high;
    this.low[slot] = low;
    this.lines[slot] = line;
    this.size += 1;
    if (this.size * 2 > this.lines.length) this.grow();
    return undefined;
  }

  /** The slot holding (high, low), or the empty slot where it belongs. The hash bits are uniform: low picks the slot. */
  private find(high: number, low: number): number {
    const mask = this.lines.length - 1;
    let slot = low & mask;
    while (this.lines[slot] !== 0 && (this.high[slot] !== high || this.low[slot] !== low)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { high, low, lines } = this;
    this.high = new Uint32Array(lines.length * 2);
    this.low = new Uint32Array(lines.length * 2);
    this.lines = new Uint32Array(lines.length * 2);
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === 0) continue;
      const slot = this.find(high[i]!, low[i]!);
      this.high[slot] = high[i]!;
      this.low[slot] = low[i]!;
      this.lines[slot] = lines[i]!;
    }
  }
}
