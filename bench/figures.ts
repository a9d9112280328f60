import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * Prints one benchmark figure in the project's format, `bench <name> <value> <unit>`, so runs
 * can be compared line by line.
 */
export function printFigure(name: string, value: number, unit: string): void {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  process.stdout.write(`bench ${name} ${rounded} ${unit}\n`);
}

/** Runs `work` and returns its result and the elapsed wall-clock time in milliseconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `bench/SCRIPT.js` in a process of its own (so its peak memory is its own) and resolves
 * with the one message it sends back; rejects when it exits without one.
 */
export function runWorker<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, `${script}.js`), args, { stdio: 'inherit' });
    let result: T | undefined;
    child.once('message', (message: T) => (result = message));
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`${script} exited with ${code}`))));
  });
}
