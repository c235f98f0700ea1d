import { SendFailure, type SendResult } from '../adapters/adapter-types.js';

/** How one adapter call ended. */
export type AttemptOutcome =
  | { ok: true; result: SendResult; ms: number }
  | { ok: false; failure: SendFailure; ms: number };

const cut = (text: string, max = 2_000) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Any error an adapter threw, as a {@link SendFailure} (anything unexpected is worth a retry). */
export function asFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError') {
    return new SendFailure('retry', 'the send timed out', { code: 'TIMEOUT', cause: error });
  }
  return new SendFailure('retry', cut(message), { cause: error });
}

/** Runs one adapter call, timing it and catching its failure. */
export async function attempt(call: () => Promise<SendResult>, clock: () => number): Promise<AttemptOutcome> {
  const started = clock();
  try {
    const result = await call();
    return { ok: true, result, ms: Math.max(0, clock() - started) };
  } catch (error) {
    return { ok: false, failure: asFailure(error), ms: Math.max(0, clock() - started) };
  }
}

/** The provider's answer of an outcome, shortened for the delivery log. */
export function answerOf(outcome: AttemptOutcome): string | undefined {
  const answer = outcome.ok ? outcome.result.answer : (outcome.failure.answer ?? outcome.failure.message);
  return answer === undefined ? undefined : cut(answer);
}
