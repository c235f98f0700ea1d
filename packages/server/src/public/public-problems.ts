import { HttpProblem } from '../http/problem.js';
import type { RateDecision } from '../http/rate-limit.js';

/** The one refusal of a link token, whatever is wrong with it (answered as the same 404). */
export class LinkNotFoundError extends HttpProblem {
  constructor() {
    super('NOT_FOUND', 'this link is not valid or has expired');
  }
}

/** A client or a token went over its public rate limit (answered 429 with `Retry-After`). */
export class PublicRateLimitError extends HttpProblem {
  readonly decision: RateDecision;

  constructor(decision: RateDecision) {
    super('RATE_LIMITED', `too many requests; try again in ${decision.retryAfterSeconds} s`);
    this.decision = decision;
  }
}

/** A signed request whose signature is missing, malformed, stale or wrong (one answer for all). */
export class SignatureRefusedError extends HttpProblem {
  constructor() {
    super('UNAUTHENTICATED', 'the request signature is missing, malformed, outside the time window or wrong');
  }
}
