import {
  formRequestBody,
  htmlResponse,
  integerBetween,
  linkTokenParameter,
  type MessageCatalogue,
  SYSTEM_ACTOR,
} from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { PublicEnv } from '@rapport/server';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { NpsResponse } from './response-entity.js';

/** The link purpose of answering the survey: single-use, for 30 days. */
export const NPS_SURVEY = 'nps.survey';

/** The longest comment the page takes (the entity's bound). */
const COMMENT_MAX = 2000;
const SCORES = Array.from({ length: 11 }, (_, score) => score);

/** The messages of the survey page (ICU MessageFormat), in English and Simplified Chinese. */
export const NPS_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      title: 'How likely are you to recommend us, {name}?',
      question: '0 is not at all likely, 10 extremely likely',
      comment: 'What is the main reason for your score?',
      hint: 'Optional, up to {max} characters.',
      send: 'Send my answer',
      missing: 'Please choose a score from 0 to 10.',
      tooLong: 'Please shorten your comment to {max} characters.',
      thanks: 'Thank you!',
      thanksText: 'You gave us {score} out of 10.',
    },
    'zh-Hans': {
      title: '{name}，您向朋友推荐我们的可能性有多大？',
      question: '0 表示完全不可能，10 表示非常可能',
      comment: '您给出这个分数的主要原因是什么？',
      hint: '选填，最多 {max} 个字符。',
      send: '提交',
      missing: '请选择 0 到 10 分。',
      tooLong: '请将意见缩短到 {max} 个字符以内。',
      thanks: '谢谢！',
      thanksText: '您给了我们 {score} 分（满分 10 分）。',
    },
  },
};

type Form = { score?: string; comment?: string; error?: 'missing' | 'tooLong' };

/**
 * The public survey at `/p/nps/survey/<token>`: GET shows the question in the customer's language
 * (or the browser's); POST stores the answer and uses the single-use token up in the same
 * transaction. A token that does not work gets the server's one 404 page.
 */
export function surveyRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  const show = async (c: { var: PublicEnv['Variables'] }, customerId: string, form: Form = {}) => {
    const customer = await c.var.kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR }).get(customerId);
    const page = c.var.pages.page(customer.objective?.language);
    return page.render({
      title: page.t('title', { name: customer.name }),
      status: form.error ? 400 : 200,
      body: page.form({
        submit: page.t('send'),
        body: html`${page.choice({
          name: 'score',
          legend: page.t('question'),
          choices: SCORES.map((score) => ({ value: String(score), label: String(score) })),
          required: true,
          ...(form.score === undefined ? {} : { checked: form.score }),
          ...(form.error ? { error: page.t(form.error, { max: COMMENT_MAX }) } : {}),
        })}${page.textArea({
          name: 'comment',
          label: page.t('comment'),
          hint: page.t('hint', { max: COMMENT_MAX }),
          maxLength: COMMENT_MAX,
          ...(form.comment ? { value: form.comment } : {}),
        })}`,
      }),
    });
  };

  app.get('/:token', async (c) => {
    const grant = await c.var.links.verify({ purpose: NPS_SURVEY });
    return show(c, grant.recordId);
  });

  app.post('/:token', async (c) => {
    const body = await c.req.parseBody();
    const given = typeof body.score === 'string' ? body.score : '';
    const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
    const score = /^\d{1,2}$/.test(given) ? Number(given) : Number.NaN;
    if (!SCORES.includes(score) || comment.length > COMMENT_MAX) {
      const { recordId } = await c.var.links.verify({ purpose: NPS_SURVEY });
      const error = SCORES.includes(score) ? 'tooLong' : 'missing';
      return show(c, recordId, { score: given, comment, error });
    }
    const kernel = c.var.kernel;
    const customerId = await kernel.transaction(async (tx) => {
      const grant = await c.var.links.consume({ purpose: NPS_SURVEY });
      await tx.data<NpsResponse>('npsResponse', { actor: grant.actor }).create({
        customerId: grant.recordId,
        score,
        ...(comment ? { comment } : {}),
        answeredAt: new Date(kernel.clock.now()).toISOString(),
      });
      return grant.recordId;
    });
    const customer = await kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR }).get(customerId);
    const page = c.var.pages.page(customer.objective?.language);
    return page.message({ title: page.t('thanks'), text: page.t('thanksText', { score }) });
  });
  return app;
}

/** The OpenAPI path items of the public survey page. */
export const SURVEY_PAGE_OPENAPI = {
  '/{token}': {
    get: {
      operationId: 'npsSurveyPage',
      summary: 'The NPS question (HTML)',
      parameters: [linkTokenParameter],
      responses: { '200': htmlResponse('The form.') },
    },
    post: {
      operationId: 'npsAnswer',
      summary: 'Stores the answer and uses the link up',
      parameters: [linkTokenParameter],
      requestBody: formRequestBody({
        type: 'object',
        properties: { score: integerBetween(0, 10), comment: { type: 'string', maxLength: COMMENT_MAX } },
        required: ['score'],
        additionalProperties: false,
      }),
      responses: {
        '200': htmlResponse('The thank-you page.'),
        '400': htmlResponse('The form again, with the problem.'),
      },
    },
  },
};
