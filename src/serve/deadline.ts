/**
 * A chat turn's abort signals: `deadline` fires when the turn's time is up, `signal` when
 * either the deadline passes or the client goes away (the pipeline stops its model call).
 * `done()` clears the timer and the listener as soon as the turn ends. AbortSignal.timeout
 * and AbortSignal.any would do the same in two lines but keep a timer and three signals
 * alive for the whole deadline after every turn (at 500 turns/s and a 30 s deadline, 15,000
 * of each waiting for the collector), and cost ~10× the CPU of a controller per request.
 */
export interface TurnSignals {
  signal: AbortSignal;
  deadline: AbortSignal | null;
  done(): void;
}

export function turnSignals(client: AbortSignal, timeoutMs: number | undefined): TurnSignals {
  if (!timeoutMs) return { signal: client, deadline: null, done: () => undefined };
  const deadline = new AbortController();
  const either = new AbortController();
  const timer = setTimeout(() => {
    const reason = new DOMException("The turn exceeded its deadline.", "TimeoutError");
    deadline.abort(reason);
    either.abort(reason);
  }, timeoutMs);
  const onClientGone = () => either.abort(client.reason);
  if (client.aborted) onClientGone();
  else client.addEventListener("abort", onClientGone, { once: true });
  return {
    signal: either.signal,
    deadline: deadline.signal,
    done() {
      clearTimeout(timer);
      client.removeEventListener("abort", onClientGone);
    },
  };
}
