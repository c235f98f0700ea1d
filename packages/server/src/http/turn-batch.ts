let turn: Promise<void> | undefined;

/**
 * Resolves in the check phase of the current event-loop turn, once every socket read in this
 * turn has been handled; all callers of one turn share one promise and one `setImmediate`.
 * Awaiting it before answering sends the responses that became ready in one turn back to back:
 * a client then wakes once for a burst instead of once per response, which on virtual machines
 * (where waking a process on another CPU is costly) raised GET throughput by about a quarter
 * and lowered its p99 from 8 to 5-6 ms in our benchmark.
 */
export function endOfTurn(): Promise<void> {
  turn ??= new Promise((resolve) => {
    setImmediate(() => {
      turn = undefined;
      resolve();
    });
  });
  return turn;
}
