import type { EntityDefinition, PluginFactory } from '@rapport/core';

/** A record holding one integer to increment. */
export declare const CounterEntity: EntityDefinition<{ value: number }>;
/** Defines `counter`. */
export declare const counterPlugin: PluginFactory<Record<string, unknown>>;
