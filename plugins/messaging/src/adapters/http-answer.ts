import { SendFailure } from './adapter-types.js';

/** The value at a dotted path of a JSON value (`data.id`), as a string, or `undefined`. */
export function valueAt(value: unknown, path: string): string | undefined {
  let node: unknown = value;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined;
}

/** The body of an HTTP answer, as JSON when it is JSON, and its first 500 characters as text. */
export async function readAnswer(response: Response): Promise<{ json: unknown; text: string }> {
  const text = (await response.text()).slice(0, 100_000);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { json, text: text.slice(0, 500) };
}

/**
 * An HTTP provider's failure as a {@link SendFailure}: 408, 425, 429 and 5xx are temporary; other
 * 4xx permanent, unless the provider's error code says the recipient opted out.
 */
export function httpFailure(
  status: number,
  answer: { json: unknown; text: string },
  options: { errorCodePath?: string; optedOutCodes?: readonly string[] } = {},
): SendFailure {
  const code = options.errorCodePath ? valueAt(answer.json, options.errorCodePath) : undefined;
  const details = { code: code ?? String(status), answer: `HTTP ${status} ${answer.text}`.slice(0, 2_000) };
  if (code !== undefined && options.optedOutCodes?.includes(code)) {
    return new SendFailure('optedOut', `the gateway says the recipient opted out (${code})`, details);
  }
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return new SendFailure('retry', `the gateway answered ${status}`, details);
  }
  return new SendFailure('permanent', `the gateway refused the message (${status})`, details);
}

/** Runs a fetch, turning network errors into temporary failures. */
export async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') throw error;
    throw new SendFailure('retry', `the gateway could not be reached: ${(error as Error).message}`, {
      code: 'ECONNECTION',
      cause: error,
    });
  }
}
