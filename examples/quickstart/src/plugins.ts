import type { PluginInstance } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { sales } from '@rapport/plugin-sales';
import { type DemoDataOptions, demoData } from './demo-data-plugin.js';

/** Every first-party plugin that exists, plus the demo data; the quickstart's composition. */
export function quickstartPlugins(demo: Partial<DemoDataOptions> = {}): PluginInstance<never>[] {
  return [customers(), sales(), demoData(demo)] as PluginInstance<never>[];
}
