import { type Kernel, missing, SYSTEM_ACTOR } from '@rapport/core';
import type { ChannelAccount, ChannelAccountRecord, ChannelSecret } from '../entities/channel-account.js';

/**
 * The account a callback names and the secret that signs its callbacks (`secrets.callback`), or
 * `undefined` for either when there is none — the signature check then refuses it with the same
 * 401 as a wrong signature, after the same work.
 */
export async function callbackAccount(
  kernel: Kernel,
  accountId: string,
): Promise<{ account?: ChannelAccountRecord; secret?: string }> {
  const account = (await kernel
    .data<ChannelAccount>('channelAccount', { actor: SYSTEM_ACTOR })
    .get(accountId)
    .catch(missing)) as ChannelAccountRecord | undefined;
  if (!account) return {};
  const { items } = await kernel
    .data<ChannelSecret>('channelSecret', { actor: SYSTEM_ACTOR })
    .find({ where: { accountId: account.id }, limit: 1 });
  const secret = items[0]?.values.callback;
  return secret ? { account, secret } : { account };
}
