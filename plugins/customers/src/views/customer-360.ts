import { type RegisterContext, referenceTo } from '@rapport/core';
import type { CustomersOptions } from '../options.js';

/**
 * The customer 360 page, as data: the record's fields in sections (its classification first —
 * lifecycle stage, ABC class, RFM, value — then identity, contact and profile; fields other
 * plugins add follow), the 7P profile every plugin contributes to, the customer's contacts, and
 * the cross-channel timeline read page by page, and merging a duplicate with a preview of what
 * moves. The future-value panel is declared beside it.
 */
export function declareCustomer360(ctx: RegisterContext<CustomersOptions>): void {
  ctx.views.declare({
    id: 'customers.customerForm',
    kind: 'form',
    title: { en: 'Customer', 'zh-Hans': '客户' },
    entity: 'customer',
    sections: [
      {
        title: { en: 'Classification', 'zh-Hans': '客户分类' },
        fields: ['lifecycleStage', 'abcClass', 'rfm', 'value', 'classifiedAt'],
      },
      {
        title: { en: 'Identity', 'zh-Hans': '基本信息' },
        fields: [
          'kind',
          'name',
          'category',
          'relationshipType',
          'internal',
          'source',
          'ownerId',
          'acquiredAt',
        ],
      },
      { title: { en: 'Reach', 'zh-Hans': '联系方式' }, fields: ['phone', 'email'] },
      { title: { en: 'Profile', 'zh-Hans': '客户画像' }, fields: ['objective', 'subjective', 'tags'] },
    ],
  });
  ctx.views.declare({
    id: 'customers.mergeDuplicate',
    kind: 'action',
    title: { en: 'Merge a duplicate into this customer', 'zh-Hans': '将重复客户合并到此客户' },
    description: {
      en: 'Pick the duplicate; you see what moves here before anything happens. The duplicate is then deleted.',
      'zh-Hans': '选择重复的客户；执行前可先查看将要转移的记录。合并后重复客户将被删除。',
    },
    entity: 'customer',
    route: '/api/customers/{id}/merge',
    permission: 'customer:merge',
    input: {
      type: 'object',
      properties: { from: { ...referenceTo('customer'), title: 'Duplicate' } },
      required: ['from'],
    },
    preview: { route: '/api/customers/{id}/merge-preview', show: ['moved', 'filled'] },
    confirm: {
      en: 'Merge? These records move to this customer and the duplicate is deleted; this cannot be undone.',
      'zh-Hans': '确认合并？以下记录将转移到此客户，重复客户将被删除，且无法撤销。',
    },
    order: 90,
  });
  ctx.views.declare({
    id: 'customers.profile',
    kind: 'panel',
    title: { en: '7P profile', 'zh-Hans': '7P 客户档案' },
    entity: 'customer',
    content: { route: '/api/customers/{id}/profile', render: 'profile' },
    order: 5,
  });
  ctx.views.declare({
    id: 'customers.contacts',
    kind: 'panel',
    title: { en: 'Contacts', 'zh-Hans': '联系人' },
    entity: 'customer',
    content: {
      related: {
        entity: 'contact',
        foreignKey: 'customerId',
        columns: ['name', 'role', 'primary', 'email', 'phone'],
        sort: ['name'],
      },
    },
    order: 10,
  });
  ctx.views.declare({
    id: 'customers.timeline',
    kind: 'panel',
    title: { en: 'Timeline', 'zh-Hans': '互动时间线' },
    entity: 'customer',
    content: { route: '/api/customers/{id}/timeline?limit=20', render: 'timeline' },
    order: 30,
  });
}
