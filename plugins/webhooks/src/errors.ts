import { RapportError } from '@rapport/core';

/** A delivery target the plugin will not call: a private, loopback or link-local address. */
export class TargetRefusedError extends RapportError {
  constructor(message: string, details: Record<string, unknown>) {
    super('WEBHOOK_TARGET_REFUSED', message, { details });
  }
}
