import { verifyRequestSignature } from '@rapport/core';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { type AdapterHarness, describeAdapterConformance } from '../testing/describe-adapter-conformance.js';
import { type HttpSink, startHttpSink } from '../testing/http-sink.js';
import { startSmtpSink } from '../testing/smtp-sink.js';
import { SendFailure } from './adapter-types.js';
import { logAdapter } from './log-adapter.js';
import { smsGatewayAdapter } from './sms-gateway-adapter.js';
import { smtpAdapter } from './smtp-adapter.js';
import { webhookAdapter } from './webhook-adapter.js';

describeAdapterConformance(
  'log',
  async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    return {
      adapter: logAdapter,
      channel: 'email',
      settings: {},
      logger,
      received: async () =>
        lines.map((line) => ({
          key: (line.messageIdHeader as string | undefined) ?? (line.messageId as string),
        })),
      close: async () => {},
    } satisfies AdapterHarness;
  },
  (harness, open) => {
    it('logs no address and no content', async () => {
      const connection = open();
      await connection.send({
        messageId: 'm1',
        channel: 'sms',
        purpose: 'marketing',
        to: '+4915112345678',
        from: '+49301',
        text: 'secret offer',
        headers: {},
        attempt: 1,
        signal: AbortSignal.timeout(1_000),
      });
      expect(JSON.stringify(await harness().received())).not.toContain('+4915112345678');
    });
  },
);

describeAdapterConformance(
  'smtp',
  async () => {
    let refuse: 'retry' | 'permanent' | undefined;
    const sink = await startSmtpSink({
      rcpt: (address) => {
        if (address.startsWith('gone')) return 550;
        const code = refuse === 'retry' ? 451 : refuse === 'permanent' ? 550 : undefined;
        refuse = undefined;
        return code;
      },
    });
    return {
      adapter: smtpAdapter,
      channel: 'email',
      settings: { host: '127.0.0.1', port: sink.port, connectionTimeoutMs: 2_000 },
      unreachable: { host: '127.0.0.1', port: 1, connectionTimeoutMs: 500 },
      received: async () =>
        sink.mails.map((mail) => ({
          key: mail.messageId,
          ...(mail.to[0] ? { to: mail.to[0] } : {}),
          ...(mail.text ? { text: mail.text } : {}),
          ...(mail.subject ? { subject: mail.subject } : {}),
          headers: mail.headers,
        })),
      refuseNext: (kind) => {
        refuse = kind;
      },
      close: () => sink.close(),
    } satisfies AdapterHarness;
  },
  (_harness, open) => {
    it('treats a 5xx to RCPT TO as a bounce, naming the reply code', async () => {
      const failure = await open()
        .send({
          messageId: 'm2',
          channel: 'email',
          purpose: 'transactional',
          to: 'gone@example.com',
          from: 'shop@example.com',
          subject: 'x',
          text: 'x',
          messageIdHeader: '<m2@example.com>',
          headers: {},
          attempt: 1,
          signal: AbortSignal.timeout(5_000),
        })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SendFailure);
      expect(failure).toMatchObject({ kind: 'bounce', code: '550' });
    });
  },
);

function gatewayHarness(sinkReady: Promise<HttpSink>, settings: (sink: HttpSink) => Record<string, unknown>) {
  return async (): Promise<AdapterHarness> => {
    const sink = await sinkReady.then((s) => s);
    return {
      adapter: smsGatewayAdapter,
      channel: 'sms',
      settings: settings(sink),
      secrets: { token: 'gateway-token' },
      unreachable: { url: 'http://127.0.0.1:1/send' },
      received: async () =>
        sink.requests.map((request) => {
          const body = JSON.parse(request.body) as Record<string, string>;
          return { key: body.reference, to: body.to, text: body.text };
        }),
      refuseNext: (kind) =>
        sink.script.push(kind === 'retry' ? { status: 503 } : { status: 400, body: { code: '21211' } }),
      close: () => sink.close(),
    };
  };
}

describeAdapterConformance(
  'sms-gateway',
  async () => gatewayHarness(startHttpSink(), (sink) => ({ url: `${sink.url}/send`, auth: 'bearer' }))(),
  (harness, open) => {
    it('carries the message id as the reference and reads the gateway id from its answer', async () => {
      const result = await open().send({
        messageId: 'm3',
        channel: 'sms',
        purpose: 'transactional',
        to: '+4915112345678',
        from: '+4930',
        text: 'code 1234',
        headers: {},
        attempt: 1,
        signal: AbortSignal.timeout(5_000),
      });
      expect(result.providerMessageId).toMatch(/^gw-\d+$/);
      expect(await harness().received()).toEqual([expect.objectContaining({ key: 'm3' })]);
    });

    it('turns an opted-out error code into an opt-out', async () => {
      const h = harness();
      h.refuseNext?.('permanent');
      const failure = await open({ ...h.settings, optedOutCodes: ['21211'] })
        .send({
          messageId: 'm4',
          channel: 'sms',
          purpose: 'marketing',
          to: '+4915112345678',
          from: '+4930',
          text: 'sale',
          headers: {},
          attempt: 1,
          signal: AbortSignal.timeout(5_000),
        })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'optedOut', code: '21211' });
    });
  },
);

it('maps the sms-gateway body to a form with basic auth', async () => {
  const sink = await startHttpSink();
  try {
    const connection = smsGatewayAdapter.open(
      {
        id: 'a',
        channel: 'sms',
        from: '+4930',
        settings: {
          url: `${sink.url}/Messages.json`,
          format: 'form',
          auth: 'basic',
          username: 'AC1',
          authHeader: 'x-api-key',
          body: { To: '{{to}}', Body: '{{text}}', From: '{{from}}' },
          headers: {},
          responseIdPath: 'sid',
          errorCodePath: 'code',
          optedOutCodes: [],
        },
        secrets: { password: 'p@ss' },
      },
      { logger: pino({ level: 'silent' }) },
    );
    sink.script.push({ status: 201, body: { sid: 'SM123' } });
    const result = await connection.send({
      messageId: 'm5',
      channel: 'sms',
      purpose: 'transactional',
      to: '+4915112345678',
      from: '+4930',
      text: '退订 & more',
      headers: {},
      attempt: 1,
      signal: AbortSignal.timeout(5_000),
    });
    expect(result.providerMessageId).toBe('SM123');
    const request = sink.requests[0];
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('AC1:p@ss').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: '+4915112345678',
      Body: '退订 & more',
      From: '+4930',
    });
  } finally {
    await sink.close();
  }
});

describeAdapterConformance('webhook', async () => {
  const sink = await startHttpSink();
  return {
    adapter: webhookAdapter,
    channel: 'webhook',
    settings: { url: `${sink.url}/hook` },
    secrets: { signing: 'webhook-signing-secret' },
    unreachable: { url: 'http://127.0.0.1:1/hook' },
    received: async () =>
      sink.requests.map((request) => {
        const body = JSON.parse(request.body) as Record<string, string>;
        const signed = verifyRequestSignature({
          secrets: 'webhook-signing-secret',
          timestamp: request.headers['x-rapport-timestamp'] as string,
          signature: request.headers['x-rapport-signature'] as string,
          body: new TextEncoder().encode(request.body),
          now: Date.now(),
        });
        return {
          key: signed.ok && request.headers['idempotency-key'] === body.id ? body.id : undefined,
          to: body.to,
          text: body.text,
        };
      }),
    refuseNext: (kind) => sink.script.push(kind === 'retry' ? { status: 429 } : { status: 422 }),
    close: () => sink.close(),
  } satisfies AdapterHarness;
});
