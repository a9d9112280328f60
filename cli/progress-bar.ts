import { SingleBar, Presets } from 'cli-progress';
import { silentProgress, type Progress } from '../importers/progress';

/** A progress bar on stderr when it is a terminal; silence when piped or in CI. */
export function terminalProgress(): Progress {
  if (!process.stderr.isTTY) return silentProgress;
  const bar = new SingleBar(
    { format: '{label} [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    advance: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
