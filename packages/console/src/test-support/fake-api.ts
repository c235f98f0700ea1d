import type { Where } from '@rapport/core';
import { vi } from 'vitest';
import type { ConsoleModel } from '../api/model.js';
import type { EntityRecord } from '../api/records.js';
import { valueAt } from '../schema/value-at.js';

/** A request the fake API received. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** Options of {@link installFakeApi}. */
export interface FakeApiOptions {
  model: ConsoleModel;
  /** Records by REST path. */
  records?: Record<string, EntityRecord[]>;
  /** What `/api/me` answers; `undefined` answers 401. */
  me?: { user: unknown; permissions: string[]; csrfToken?: string };
  /** Answers routes of its own first (metrics, plugin routes, refusals); `undefined` passes on. */
  route?(method: string, url: URL, body: unknown): Response | undefined;
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Enough of the query language for the tests: eq, contains, gte, lte, and, or. */
function matches(record: Record<string, unknown>, where: Where | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([key, condition]) => {
    if (key === 'and') return (condition as Where[]).every((part) => matches(record, part));
    if (key === 'or') return (condition as Where[]).some((part) => matches(record, part));
    const value = valueAt(record, key);
    if (condition === null || typeof condition !== 'object') return value === condition;
    return Object.entries(condition as Record<string, unknown>).every(([op, operand]) => {
      if (op === 'eq') return value === operand;
      if (op === 'contains')
        return Array.isArray(value)
          ? value.includes(operand)
          : typeof value === 'string' && value.includes(String(operand));
      if (op === 'gte') return typeof value === 'number' && value >= (operand as number);
      if (op === 'lte') return typeof value === 'number' && value <= (operand as number);
      return false;
    });
  });
}

/**
 * Replaces `fetch` with a fake Rapport API over in-memory records: `/api/me`, the console model,
 * lists (where, sort, limit, cursor), counts, get, create and patch. Returns the requests it saw.
 */
export function installFakeApi(options: FakeApiOptions): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const records = options.records ?? {};
  const handle = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    seen.push({ method, url, headers: new Headers(init.headers), body });
    const path = url.pathname;
    const own = options.route?.(method, url, body);
    if (own) return own;
    if (path === '/api/me')
      return options.me ? json(options.me) : json({ status: 401, code: 'UNAUTHENTICATED' }, 401);
    if (path === '/api/console/model') return json(options.model);
    const [, , plural, id] = path.split('/');
    const items = records[plural ?? ''];
    if (!items) return json({ status: 404, code: 'NOT_FOUND', detail: `no route ${method} ${path}` }, 404);
    const where = url.searchParams.get('where')
      ? (JSON.parse(url.searchParams.get('where') as string) as Where)
      : undefined;
    if (id === 'aggregate')
      return json({ rows: [{ n: items.filter((item) => matches(item, where)).length }] });
    if (id) {
      const record = items.find((item) => item.id === id);
      if (!record) return json({ status: 404, code: 'NOT_FOUND' }, 404);
      if (method === 'PATCH') {
        const expected = new Headers(init.headers).get('if-match');
        if (expected !== `"v${record.version}"`)
          return json(
            { status: 412, code: 'PRECONDITION_FAILED', detail: 'changed', details: { kind: 'version' } },
            412,
          );
        Object.assign(record, body, { version: record.version + 1 });
      }
      return json(record, 200, { etag: `"v${record.version}"` });
    }
    if (method === 'POST') {
      const record = {
        ...(body as object),
        id: `new-${items.length + 1}`,
        version: 1,
        createdAt: '2026-06-01T00:00:00.000Z',
        updatedAt: '2026-06-01T00:00:00.000Z',
      } as EntityRecord;
      items.push(record);
      return json(record, 201, { etag: '"v1"' });
    }
    const sort = (url.searchParams.get('sort') ?? '').split(',').filter(Boolean);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const sorted = items.filter((item) => matches(item, where));
    for (const key of [...sort].reverse()) {
      const field = key.replace(/^-/, '');
      const direction = key.startsWith('-') ? -1 : 1;
      sorted.sort((a, b) =>
        String(valueAt(a, field) ?? '') < String(valueAt(b, field) ?? '')
          ? -direction
          : String(valueAt(a, field) ?? '') > String(valueAt(b, field) ?? '')
            ? direction
            : 0,
      );
    }
    const page = sorted.slice(start, start + limit);
    return json({ items: page, nextCursor: start + limit < sorted.length ? String(start + limit) : null });
  };
  vi.stubGlobal('fetch', vi.fn(handle));
  return seen;
}
