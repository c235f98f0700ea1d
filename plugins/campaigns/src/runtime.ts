import type { Kernel } from '@rapport/core';
import type { CampaignsOptions } from './options.js';

/** What the plugin's operations work with: the kernel, the options and which optional plugins are installed. */
export interface CampaignsRuntime {
  readonly kernel: Kernel;
  readonly options: CampaignsOptions;
  readonly installed: { readonly loyalty: boolean; readonly sales: boolean; readonly tickets: boolean };
}
