import { definePlugin, type PluginFactory } from '@rapport/core';
import { MESSAGING_ADAPTERS } from '../adapters/adapter-registry.js';
import {
  type Envelope,
  type MessagingAdapter,
  SendFailure,
  type SendFailureKind,
} from '../adapters/adapter-types.js';

/** What the scripted adapter does on a send: succeed, or fail with a kind. */
export type Step = 'ok' | SendFailureKind | 'throw' | 'hang';

/** An adapter whose answers a test scripts, recording every envelope. */
export interface Scripted {
  adapter: MessagingAdapter;
  sent: Envelope[];
  script: Step[];
  plugin: PluginFactory<Record<string, unknown>>;
}

/** Makes a scripted adapter (`scripted`, every channel) and a plugin that installs it. */
export function scriptedAdapter(): Scripted {
  const sent: Envelope[] = [];
  const script: Step[] = [];
  const adapter: MessagingAdapter = {
    id: 'scripted',
    channels: ['email', 'sms', 'webhook'],
    settings: { type: 'object', properties: {}, additionalProperties: false },
    secrets: { required: [], optional: [] },
    open: () => ({
      async send(envelope) {
        sent.push(envelope);
        const step = script.shift() ?? 'ok';
        if (step === 'ok')
          return { providerMessageId: `p-${envelope.messageId}-${envelope.attempt}`, answer: '250 ok' };
        if (step === 'throw') throw new Error('socket hang up');
        if (step === 'hang') return new Promise(() => undefined);
        throw new SendFailure(step, `scripted ${step}`, {
          code: step === 'optedOut' ? '21610' : step === 'bounce' ? '550' : '451',
          answer: `scripted ${step}`,
        });
      },
      async close() {},
    }),
  };
  const plugin = definePlugin({
    id: 'scriptedAdapter',
    version: '0.0.0',
    dependsOn: ['messaging'],
    register(ctx) {
      ctx.hooks.get(MESSAGING_ADAPTERS).add(adapter);
    },
  });
  return { adapter, sent, script, plugin };
}
