import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { handleError } from '../http/error-handler.js';
import { problemOf, sendProblem } from '../http/problem.js';
import { type RateDecision, rateLimitHeaders } from '../http/rate-limit.js';
import type { PageRenderer } from '../pages/page-kit.js';
import { LinkNotFoundError, PublicRateLimitError, SignatureRefusedError } from './public-problems.js';

/** Whether the client prefers an HTML page (a browser) to a problem document (a program). */
export function wantsHtml(c: Context): boolean {
  return (
    accepts(c, {
      header: 'Accept',
      supports: ['text/html', 'application/json', 'application/problem+json'],
      default: 'application/json',
    }) === 'text/html'
  );
}

/**
 * The answers of public routes that are not the route's own: the one 404 of every refused link
 * (and of every unknown `/p/` path), the 429 of a rate limit, the 401 of a refused signature,
 * and a page instead of a problem document for people when something fails. Bodies carry no
 * path and no request id, so two refusals for different reasons are byte for byte the same.
 */
export class PublicResponses {
  readonly #pages: PageRenderer;

  constructor(pages: PageRenderer) {
    this.#pages = pages;
  }

  /** The 404 of a link that does not work, and of an unknown public path. */
  notFound(c: Context): Promise<Response> | Response {
    if (wantsHtml(c)) {
      const page = this.#pages.kitPage(c);
      return page.message({ title: page.t('notFound.title'), text: page.t('notFound.text'), status: 404 });
    }
    return sendProblem(c, problemOf(404, 'NOT_FOUND', new LinkNotFoundError().message));
  }

  /** The 429 of a client or token over its limit, with `Retry-After` and the `RateLimit-*` headers. */
  async tooManyRequests(c: Context, decision: RateDecision): Promise<Response> {
    const headers = rateLimitHeaders(decision);
    let response: Response;
    if (wantsHtml(c)) {
      const page = this.#pages.kitPage(c);
      response = await page.message({
        title: page.t('tooMany.title'),
        text: page.t('tooMany.text', { seconds: decision.retryAfterSeconds }),
        status: 429,
      });
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    }
    return sendProblem(
      c,
      problemOf(429, 'RATE_LIMITED', new PublicRateLimitError(decision).message),
      headers,
    );
  }

  /** The error handler of public routes. */
  readonly onError = (error: Error, c: Context): Response | Promise<Response> => {
    if (error instanceof LinkNotFoundError) return this.notFound(c);
    if (error instanceof PublicRateLimitError) return this.tooManyRequests(c, error.decision);
    if (error instanceof SignatureRefusedError) {
      return sendProblem(c, problemOf(401, error.code, error.message));
    }
    const answer = handleError(error, c as never);
    if (answer.status < 500 || !wantsHtml(c)) return answer;
    const page = this.#pages.kitPage(c);
    return page.message({ title: page.t('error.title'), text: page.t('error.text'), status: answer.status });
  };
}
