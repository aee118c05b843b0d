// Progress of long waits on stderr (stdout stays the command's result, for scripts): a line
// when something changes, and a reminder every few seconds while nothing does.
const REMIND_MS = 5000;

export class Progress {
  private last = '';
  private lastAt = 0;
  private readonly started = Date.now();

  /** Prints `line` if it differs from the last one or the last is a while ago. */
  say(line: string): void {
    const now = Date.now();
    if (line === this.last && now - this.lastAt < REMIND_MS) return;
    const elapsed = Math.round((now - this.started) / 1000);
    process.stderr.write(`${line}${line === this.last ? ` (${elapsed}s)` : ''}\n`);
    this.last = line;
    this.lastAt = now;
  }
}
