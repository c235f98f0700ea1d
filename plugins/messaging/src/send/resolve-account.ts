import { fieldError, missing, type Repository } from '@rapport/core';
import type { ChannelAccount, ChannelAccountRecord } from '../entities/channel-account.js';
import type { Channel } from '../vocabulary.js';

/**
 * The account a message goes out from: the one named (it must carry the channel and be
 * active), else the channel's default, else its only active account. Throws a
 * `ValidationError` naming `accountId` when there is none.
 */
export async function resolveAccount(
  accounts: Repository<ChannelAccount>,
  channel: Channel,
  accountId: string | undefined,
): Promise<ChannelAccountRecord> {
  if (accountId) {
    const account = await accounts.get(accountId).catch(missing);
    if (!account)
      throw fieldError('message', 'accountId', 'messaging.account.unknown', `names no channel account`);
    if (account.channel !== channel) {
      throw fieldError(
        'message',
        'accountId',
        'messaging.account.channel',
        `is a ${account.channel} account, not ${channel}`,
      );
    }
    if (account.status === 'paused')
      throw fieldError('message', 'accountId', 'messaging.account.paused', 'is paused');
    return account as ChannelAccountRecord;
  }
  const { items } = await accounts.find({
    where: { channel, status: { ne: 'paused' } },
    sort: ['-isDefault', 'createdAt'],
    limit: 2,
  });
  const chosen = items.find((account) => account.isDefault) ?? (items.length === 1 ? items[0] : undefined);
  if (!chosen) {
    throw fieldError(
      'message',
      'accountId',
      items.length === 0 ? 'messaging.account.missing' : 'messaging.account.ambiguous',
      items.length === 0
        ? `is needed: there is no active ${channel} account`
        : `is needed: several ${channel} accounts and none is the default`,
    );
  }
  return chosen as ChannelAccountRecord;
}
