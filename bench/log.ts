/** Progress on stderr, so that stdout stays free and the report file is the only output that matters. */

const tty = process.stderr.isTTY === true;
const started = performance.now();

const stamp = () => `[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s]`;

export function phase(message: string): void {
  process.stderr.write(`${stamp()} ${message}\n`);
}

export function note(message: string): void {
  process.stderr.write(`${' '.repeat(stamp().length)}   ${message}\n`);
}

/**
 * A counter for long loops: rewrites one line on a terminal, prints a line every `every` steps otherwise (CI
 * logs and pipes keep every line).
 */
export function counter(label: string, total: number, every = Math.max(1, Math.floor(total / 10))) {
  let last = -1;
  let lastDraw = 0;
  let lastDone = -1;
  const draw = (done: number, force: boolean) => {
    const text = `${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.floor((done / total) * 100)}%)`;
    if (tty) {
      const t = performance.now();
      if (!force && t - lastDraw < 100) return;
      lastDraw = t;
      process.stderr.write(`\r${stamp()}   ${text}\x1b[K`);
    } else if (Math.floor(done / every) !== last || (force && done !== lastDone)) {
      last = Math.floor(done / every);
      lastDone = done;
      process.stderr.write(`${stamp()}   ${text}\n`);
    }
  };
  return {
    update(done: number) {
      draw(done, false);
    },
    done() {
      draw(total, true);
      if (tty) process.stderr.write('\n');
    },
  };
}
