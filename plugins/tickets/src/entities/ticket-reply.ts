import { defineEntity, type EntityRecord, list, ref, text } from '@rapport/core';
import { TICKET_CHANNELS, type TicketChannel } from '../vocabulary.js';

/** Metadata of one attachment (the file itself lives elsewhere). */
export interface AttachmentMeta {
  name: string;
  contentType?: string;
  size?: number;
  url?: string;
}

/** A public reply to the customer, a message from them, or an internal note. */
export interface TicketReply {
  ticketId: string;
  /** `agent` (a user), `customer` (inbound), `system` (automatic acknowledgements never count as a response). */
  author: 'agent' | 'customer' | 'system';
  /** The user id of an agent. */
  authorId?: string;
  /** False: an internal note, never shown to the customer. Default true. */
  public?: boolean;
  channel?: TicketChannel;
  body: string;
  attachments?: AttachmentMeta[];
  /** The messaging message this reply came from or went out as. */
  messageId?: string;
  /** The messaging thread it belongs to: later messages on the thread join the same ticket. */
  threadKey?: string;
}

/** A stored reply. */
export type TicketReplyRecord = EntityRecord<TicketReply>;

/** The `ticketReply` entity. */
export const TicketReplyEntity = defineEntity<TicketReply>({
  name: 'ticketReply',
  plural: 'ticketReplies',
  description:
    'A public reply, a customer message or an internal note on a ticket; the first public agent reply is the first response.',
  schema: {
    type: 'object',
    properties: {
      ticketId: ref,
      author: { type: 'string', enum: ['agent', 'customer', 'system'] },
      authorId: ref,
      public: { type: 'boolean', default: true },
      channel: { type: 'string', enum: [...TICKET_CHANNELS] },
      body: text(50_000),
      attachments: list(
        {
          type: 'object',
          properties: {
            name: text(255),
            contentType: text(100),
            size: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
            url: text(2_000),
          },
          required: ['name'],
          additionalProperties: false,
        },
        20,
      ),
      messageId: ref,
      threadKey: text(500),
    },
    required: ['ticketId', 'author', 'body'],
  },
  indexes: ['ticketId', 'messageId', 'threadKey'],
});
