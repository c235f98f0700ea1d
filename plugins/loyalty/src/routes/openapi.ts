import {
  dateTime,
  jsonRequestBody,
  jsonResponse,
  problemResponse,
  ref,
  schemaRef,
  text,
} from '@rapport/core';

const POINTS = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
const SIGNED = { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
const posted = {
  type: 'object',
  properties: { entry: schemaRef('LoyaltyEntry'), replayed: { type: 'boolean' } },
  required: ['entry', 'replayed'],
  additionalProperties: false,
};
const joined = {
  type: 'object',
  properties: { member: schemaRef('LoyaltyMember'), created: { type: 'boolean' } },
  required: ['member', 'created'],
  additionalProperties: false,
};
const redemption = schemaRef('LoyaltyRedemption');
const reserved = {
  type: 'object',
  properties: { redemption, replayed: { type: 'boolean' } },
  required: ['redemption', 'replayed'],
  additionalProperties: false,
};
const postingBody = (points: Record<string, unknown>, memberInPath = false) => ({
  type: 'object',
  properties: {
    memberId: memberInPath ? { ...ref, description: 'Optional: the path names the member.' } : ref,
    points,
    idempotencyKey: text(200),
    sourceType: text(40),
    sourceId: text(200),
    note: text(1000),
  },
  required: memberInPath ? ['points', 'idempotencyKey'] : ['memberId', 'points', 'idempotencyKey'],
  additionalProperties: false,
});
const posting = (
  operationId: string,
  summary: string,
  points: Record<string, unknown>,
  conflict: string,
  memberInPath = false,
) => ({
  post: {
    operationId: memberInPath ? `${operationId}ForMember` : operationId,
    summary: memberInPath ? `${summary} (the member the path names)` : summary,
    ...(memberInPath
      ? { parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Member id.' }] }
      : {}),
    requestBody: jsonRequestBody(postingBody(points, memberInPath)),
    responses: {
      '200': jsonResponse('A retry: the entry the first call with this idempotency key posted.', posted),
      '201': jsonResponse('The entry posted.', posted),
      '400': problemResponse('Points not a positive integer, no idempotency key, no member id.'),
      '403': problemResponse('Missing loyaltyEntry:create, or the member is not visible.'),
      '404': problemResponse('No such member.'),
      '409': problemResponse(conflict),
      '415': problemResponse('The body is not JSON.'),
    },
  },
});

/** The three postings: path step, operation id, summary, points schema, what a 409 means. */
const POSTINGS: Array<[string, string, string, Record<string, unknown>, string]> = [
  [
    'earn',
    'loyaltyEarn',
    'Credit earned points, expiring by the programme policy',
    POINTS,
    'A concurrent write could not be settled; retry with the same key.',
  ],
  [
    'redeem',
    'loyaltyRedeem',
    'Debit points, soonest-expiring first; never below zero',
    POINTS,
    'The balance does not cover the points (details.balance names it).',
  ],
  [
    'adjust',
    'loyaltyAdjust',
    'A correction: positive credits, negative debits (never below zero)',
    {
      type: 'integer',
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      not: { const: 0 },
    },
    'A debit the balance does not cover.',
  ],
];

/** OpenAPI 3.1 path items of the plugin's routes, relative to `/api/loyalty`. */
export const LOYALTY_ROUTES_OPENAPI: Record<string, unknown> = {
  '/members': {
    post: {
      operationId: 'loyaltyEnrol',
      summary:
        'Enrol a mobile number (national or international form): links or creates the customer; a second join returns the first',
      requestBody: jsonRequestBody({
        type: 'object',
        properties: {
          programmeId: ref,
          mobile: { type: 'string', maxLength: 40 },
          name: text(),
          referrerId: ref,
        },
        required: ['programmeId', 'mobile'],
        additionalProperties: false,
      }),
      responses: {
        '200': jsonResponse('Already a member: the existing membership.', joined),
        '201': jsonResponse('The new membership.', joined),
        '400': problemResponse('No programme, or the mobile number is not valid.'),
        '403': problemResponse('Missing loyaltyMember:create.'),
        '404': problemResponse('No such programme.'),
        '409': problemResponse('The programme is closed.'),
        '415': problemResponse('The body is not JSON.'),
      },
    },
  },
  ...Object.fromEntries(
    POSTINGS.flatMap(([op, ...args]) => [
      [`/${op}`, posting(...args)],
      [`/members/{id}/${op}`, posting(...args, true)],
    ]),
  ),
  '/entries/{id}/reverse': {
    post: {
      operationId: 'loyaltyReverse',
      summary:
        'Reverse an earn (all its points, even those spent) or a redemption (points back with their expiry); once',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Entry id.' }],
      requestBody: {
        ...jsonRequestBody({ type: 'object', properties: { note: text(1000) }, additionalProperties: false }),
        required: false,
      },
      responses: {
        '200': jsonResponse('Already reversed: the first reversal.', posted),
        '201': jsonResponse('The reversal.', posted),
        '403': problemResponse('Missing loyaltyEntry:create.'),
        '404': problemResponse('No such entry.'),
        '409': problemResponse('An expire or reverse entry is not reversed.'),
      },
    },
  },
  '/rewards/{id}/redeem': {
    post: {
      operationId: 'loyaltyRedeemReward',
      summary:
        'Reserve a reward: its cost debited soonest-expiring first and a unit of stock taken, atomically',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Reward id.' }],
      requestBody: jsonRequestBody({
        type: 'object',
        properties: { memberId: ref, idempotencyKey: text(180) },
        required: ['memberId', 'idempotencyKey'],
        additionalProperties: false,
      }),
      responses: {
        '200': jsonResponse('A retry: the first redemption.', reserved),
        '201': jsonResponse('The redemption, reserved.', reserved),
        '400': problemResponse('No member id or idempotency key.'),
        '403': problemResponse('Missing loyaltyEntry:create.'),
        '404': problemResponse('No such reward or member.'),
        '409': problemResponse(
          'Short of points (details.balance), out of stock, below the tier it needs (details.tierRequired), or outside its validity.',
        ),
        '415': problemResponse('The body is not JSON.'),
      },
    },
  },
  '/redemptions/{id}/fulfil': {
    post: {
      operationId: 'loyaltyFulfilRedemption',
      summary: 'Mark a reserved redemption fulfilled',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Redemption id.' }],
      responses: {
        '200': jsonResponse('The redemption.', redemption),
        '403': problemResponse('Missing loyaltyRedemption:update.'),
        '404': problemResponse('No such redemption.'),
        '409': problemResponse('Not reserved.'),
      },
    },
  },
  '/redemptions/{id}/cancel': {
    post: {
      operationId: 'loyaltyCancelRedemption',
      summary: 'Cancel a reserved redemption: points refunded to their lots and the unit back in stock',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Redemption id.' }],
      responses: {
        '200': jsonResponse('The redemption, cancelled.', redemption),
        '403': problemResponse('Missing loyaltyRedemption:update.'),
        '404': problemResponse('No such redemption.'),
        '409': problemResponse('Already fulfilled.'),
      },
    },
  },
  '/members/{id}/balance': {
    get: {
      operationId: 'loyaltyBalance',
      summary: 'A member balance and the next points to expire',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Member id.' }],
      responses: {
        '200': jsonResponse('The balance.', {
          type: 'object',
          properties: {
            memberId: ref,
            balance: SIGNED,
            nextExpiry: {
              type: 'object',
              properties: { at: dateTime, points: SIGNED },
              required: ['at', 'points'],
              additionalProperties: false,
            },
          },
          required: ['memberId', 'balance'],
          additionalProperties: false,
        }),
        '403': problemResponse('Missing loyaltyMember:read.'),
        '404': problemResponse('No such member.'),
      },
    },
  },
  '/broadcasts/{id}/send': {
    post: {
      operationId: 'loyaltySendBroadcast',
      summary: 'Send a broadcast to its segment through messaging (marketing: consent and caps apply)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref, description: 'Broadcast id.' }],
      responses: {
        '200': jsonResponse('The broadcast, sent, with its counts.', schemaRef('LoyaltyBroadcast')),
        '403': problemResponse('Missing loyaltyBroadcast:update.'),
        '404': problemResponse('No such broadcast.'),
        '409': problemResponse('Already sent, or messaging is not installed.'),
      },
    },
  },
  '/win-back': {
    get: {
      operationId: 'loyaltyWinBack',
      summary: 'The win-back list: lapsed high-value members, each with its latest attempt',
      description:
        'Active members whose customer is of a high-value ABC class (default A,B) and in a lapsed lifecycle stage (default at-risk,churned), read as the caller. A page reads `limit` customers, so it may hold fewer members; follow `nextCursor`.',
      parameters: [
        { name: 'programmeId', in: 'query', schema: ref, description: 'Only this programme.' },
        {
          name: 'class',
          in: 'query',
          schema: text(20),
          description: 'ABC classes, comma-separated (default A,B).',
        },
        {
          name: 'stage',
          in: 'query',
          schema: text(100),
          description: 'Customer lifecycle stages, comma-separated (default at-risk,churned).',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'cursor', in: 'query', schema: text(1000) },
      ],
      responses: {
        '200': jsonResponse('A page of the list.', {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              maxItems: 1_000,
              items: {
                type: 'object',
                properties: {
                  member: schemaRef('LoyaltyMember'),
                  customer: {
                    type: 'object',
                    properties: { id: ref, name: text(), abcClass: text(1), lifecycleStage: text(20) },
                    required: ['id', 'name'],
                    additionalProperties: false,
                  },
                  lastAttempt: schemaRef('LoyaltyWinBack'),
                },
                required: ['member', 'customer'],
                additionalProperties: false,
              },
            },
            nextCursor: text(1000),
          },
          required: ['items'],
          additionalProperties: false,
        }),
        '400': problemResponse('A limit outside 1–200.'),
        '403': problemResponse('Missing customer:read or loyaltyMember:read.'),
      },
    },
  },
};
