import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { definePlugin } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer } from '../test-support/fixture.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  // What an OpenTelemetry SDK does on `register()`: spans follow the async flow of a request.
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(async () => {
  context.disable();
  await provider.shutdown();
});

/** A listener of new tickets, so a write has an event handler to trace. */
const listener = definePlugin({
  id: 'listener',
  version: '1.0.0',
  dependsOn: ['helpdesk'],
  register(ctx) {
    ctx.events.on('entity.created', async (event, handler) => {
      if (event.payload.entity === 'serviceTicket') await handler.data('serviceTicket').count();
    });
  },
});

/** The chain of span names from `span` up to its root. */
function ancestry(span: ReadableSpan, spans: readonly ReadableSpan[]): string[] {
  const names = [span.name];
  let parentId = span.parentSpanContext?.spanId;
  while (parentId) {
    const parent = spans.find((s) => s.spanContext().spanId === parentId);
    if (!parent) break;
    names.push(parent.name);
    parentId = parent.parentSpanContext?.spanId;
  }
  return names;
}

describe('tracing', () => {
  it('traces one request as nested spans: request, repository, store, event handler', async () => {
    const f = await bootServer(
      { rateLimit: false },
      { plugins: [listener()], telemetry: { tracing: provider.getTracer('test') } },
    );
    exporter.reset();
    const res = await f.app.request('/api/service-tickets', {
      method: 'POST',
      headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ title: 'Printer on fire', team: 'north' }),
    });
    expect(res.status).toBe(201);
    await f.t.kernel.events.drain();

    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === 'POST /api/service-tickets');
    expect(request?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/api/service-tickets',
      'http.response.status_code': 201,
    });
    expect(request?.parentSpanContext).toBeUndefined();
    const traceId = request?.spanContext().traceId;

    const create = spans.find((s) => s.name === 'rapport.repository.create');
    expect(create?.attributes).toMatchObject({
      'rapport.entity': 'serviceTicket',
      'rapport.operation': 'create',
    });
    expect(ancestry(create as ReadableSpan, spans)).toEqual([
      'rapport.repository.create',
      'POST /api/service-tickets',
    ]);

    const store = spans.find(
      (s) =>
        s.name === 'rapport.store.transaction' &&
        s.parentSpanContext?.spanId === create?.spanContext().spanId,
    );
    expect(store?.attributes['db.system']).toBe('memory');

    const handled = spans.find(
      (s) =>
        s.name === 'rapport.event.handle' &&
        s.spanContext().traceId === traceId &&
        s.attributes['rapport.handler'] === 'listener:entity.created:1',
    );
    expect(handled?.attributes['rapport.event']).toBe('entity.created');
    // Delivery starts when the create commits, inside its span: the handler is its child.
    expect(ancestry(handled as ReadableSpan, spans)).toEqual([
      'rapport.event.handle',
      'rapport.repository.create',
      'POST /api/service-tickets',
    ]);
    // The handler's own read is traced inside its span, in the handler's transaction.
    const handlerCount = spans.find(
      (s) => s.name === 'rapport.repository.count' && s.spanContext().traceId === traceId,
    );
    expect(ancestry(handlerCount as ReadableSpan, spans)).toEqual([
      'rapport.repository.count',
      'rapport.store.transaction',
      'rapport.event.handle',
      ...ancestry(handled as ReadableSpan, spans).slice(1),
    ]);
    await f.t.stop();
  });

  it('starts no span at all when tracing is off (the default)', async () => {
    const f = await bootServer({ rateLimit: false });
    exporter.reset();
    const res = await f.app.request('/api/service-tickets', { headers: f.auth(f.keys.admin) });
    expect(res.status).toBe(200);
    expect(f.t.kernel.telemetry.tracer).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
    await f.t.stop();
  });
});
