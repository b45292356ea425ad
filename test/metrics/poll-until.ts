/**
 * Asks again until the answer satisfies `done` (Prometheus scrapes every second, so what a
 * fixture changed shows up a scrape later). Fails with the last answer when time runs out.
 */
export async function pollUntil<T>(
  ask: () => Promise<T>,
  done: (answer: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await ask();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}; last answer: ${JSON.stringify(last)}`,
  );
}
