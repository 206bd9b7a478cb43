// Owns the error every digest parser throws for a file that cannot be imported at all.

/** line: where in the file (text: the line; JSON: the entry), when one place is to blame. */
export class DigestRejectedError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = "DigestRejectedError";
  }
}
