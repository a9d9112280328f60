/**
 * Progress of a long import. The CLI shows a bar on a terminal; HTTP and tests pass
 * {@link silentProgress}.
 */
export interface Progress {
  start(total: number, label: string): void;
  advance(by?: number): void;
  stop(): void;
}

/** Progress that goes nowhere. */
export const silentProgress: Progress = {
  start: () => undefined,
  advance: () => undefined,
  stop: () => undefined,
};
