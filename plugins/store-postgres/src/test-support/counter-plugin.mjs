// The plugin the multi-process tests share between the test file and its child processes.
import { defineEntity, definePlugin } from '@rapport/core';

/** A record holding one integer to increment. */
export const CounterEntity = defineEntity({
  name: 'counter',
  plural: 'counters',
  schema: { type: 'object', properties: { value: { type: 'integer' } }, required: ['value'] },
});

/** Defines `counter`. */
export const counterPlugin = definePlugin({
  id: 'counters',
  version: '1.0.0',
  register: (ctx) => ctx.entities.define(CounterEntity),
});
