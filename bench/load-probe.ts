export {};
/**
 * The light request of the load benchmark, in a process of its own so the load generator's
 * work never delays it: GET PROBE_URL every PROBE_INTERVAL_MS until told to stop, then sends
 * back every sample (start time since the probe began, latency in ms, status).
 */
interface Sample {
  at: number;
  ms: number;
  status: number;
}

const url = process.env.PROBE_URL as string;
const headers = { Authorization: process.env.PROBE_AUTH ?? '' };
const interval = Number(process.env.PROBE_INTERVAL_MS ?? 100);
const origin = Date.now();
const samples: Sample[] = [];
let stopped = false;
/** Start times of requests still waiting for an answer: reported as unanswered at the stop. */
const pending = new Set<number>();

async function probe(): Promise<void> {
  const started = Date.now();
  pending.add(started);
  let status = 0;
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = 0;
  }
  pending.delete(started);
  samples.push({ at: started - origin, ms: Date.now() - started, status });
}

const timer = setInterval(() => {
  if (!stopped) void probe();
}, interval);

process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  stopped = true;
  clearInterval(timer);
  // Let the requests still running finish; those that do not are reported unanswered (status 0).
  setTimeout(() => {
    const now = Date.now();
    for (const started of pending) samples.push({ at: started - origin, ms: now - started, status: 0 });
    process.send?.({ origin, samples }, () => process.exit(0));
  }, 1_000);
});
process.send?.({ ready: true, origin });
