import { fieldError, type RegisterContext } from '@rapport/core';
import type { MessageTemplate } from '../entities/message-template.js';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { checkTemplate } from './check-template.js';

/**
 * Templates are checked when saved: valid Mustache, only known merge fields (an unknown one is a
 * 400 naming the part and the field), no unescaped output; an SMS or webhook template has no
 * subject or HTML.
 */
export function tapTemplateRules(ctx: RegisterContext<MessagingOptions>): void {
  ctx.hooks
    .entity<MessageTemplate>('messageTemplate')
    .validate.tapPromise(MESSAGING_PLUGIN_ID, async (write) => {
      if (write.operation === 'delete') return;
      const template = write.record;
      if (template.channel !== 'email') {
        for (const part of ['subject', 'html'] as const) {
          if (template[part] !== undefined) {
            throw fieldError(
              'messageTemplate',
              part,
              'messaging.template.emailOnly',
              `is for e-mail templates only, not ${template.channel}`,
            );
          }
        }
      }
      checkTemplate(template);
    });
}
