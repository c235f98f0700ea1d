import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import { KIT_MESSAGES } from './kit-messages.js';
import { negotiateLocale, textDirection } from './locale.js';
import { type CompiledCatalogue, compileCatalogue, type MessageValues } from './messages.js';
import {
  type ChoiceOptions,
  choiceField,
  type FormOptions,
  type PageHtml,
  pageForm,
  type TextFieldOptions,
  textField,
} from './page-components.js';
import { PAGE_SECURITY_HEADERS, PAGE_STYLE } from './page-style.js';

/** What a page shows: its title (the `<title>` and the one `<h1>`) and its body. */
export interface PageContent {
  title: string;
  body: PageHtml;
  /** Default 200. */
  status?: number;
}

/**
 * One page in one locale: its messages, its components and the response. Build the body with
 * `html` from `hono/html` (every value escaped) and the components here.
 *
 * @example
 * ```ts
 * const page = c.var.pages.page(person.language);
 * return page.render({
 *   title: page.t('rate.title'),
 *   body: page.form({ submit: page.t('rate.send'), body: page.choice({ name: 'rating', legend: page.t('rate.question'), choices, required: true }) }),
 * });
 * ```
 */
export interface Page {
  /** The locale chosen (`en`, `zh-Hans`): the `lang` of the document. */
  readonly locale: string;
  /** A message of the plugin's catalogue in this locale. */
  t(key: string, values?: MessageValues): string;
  form(options: FormOptions): PageHtml;
  choice(options: ChoiceOptions): PageHtml;
  textArea(options: TextFieldOptions): PageHtml;
  /** The whole document as a response with the page security headers. */
  render(content: PageContent): Promise<Response>;
  /** A page with a title and one paragraph (a thank-you, a confirmation). */
  message(content: { title: string; text: string; status?: number }): Promise<Response>;
}

/** The page kit of a public request, as `c.var.pages`. */
export interface PageKit {
  /**
   * A page in `locale` (the customer's language, which the plugin knows) when the catalogue has
   * it or a close match, else in the best match of the browser's `Accept-Language`, else in the
   * catalogue's default locale.
   */
  page(locale?: string): Page;
}

/** Turns page content into responses for one deployment (its name heads every page). */
export class PageRenderer {
  readonly #siteName: string;
  readonly #kit = compileCatalogue(KIT_MESSAGES, 'the page kit');

  constructor(siteName: string) {
    this.#siteName = siteName;
  }

  /** The kit of a request, with the messages of the mount (a plugin's catalogue). */
  kit(c: Context, catalogue: CompiledCatalogue | undefined): PageKit {
    return {
      page: (locale) => {
        if (!catalogue)
          throw new Error(
            'these public routes declared no page messages (ctx.routes.public(app, { messages }))',
          );
        return this.page(c, catalogue, locale);
      },
    };
  }

  /** A page of the kit's own messages, in the browser's language. */
  kitPage(c: Context): Page {
    return this.page(c, this.#kit, undefined);
  }

  page(c: Context, catalogue: CompiledCatalogue, wanted: string | undefined): Page {
    const locale = negotiateLocale(
      catalogue.locales,
      catalogue.defaultLocale,
      wanted,
      c.req.header('accept-language'),
    );
    const render = (content: PageContent) => this.#respond(c, locale, content);
    return {
      locale,
      t: (key, values) => catalogue.format(locale, key, values),
      form: pageForm,
      choice: choiceField,
      textArea: textField,
      render,
      message: ({ title, text, status }) =>
        render({ title, body: html`<p>${text}</p>`, ...(status === undefined ? {} : { status }) }),
    };
  }

  async #respond(c: Context, locale: string, content: PageContent): Promise<Response> {
    const document = await html`<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${content.title} – ${this.#siteName}</title><style>${raw(PAGE_STYLE)}</style></head><body><header><p class="site">${this.#siteName}</p></header><main><h1>${content.title}</h1>${content.body}</main></body></html>`;
    const requestId = c.get('requestId') as string | undefined;
    return new Response(String(document), {
      status: content.status ?? 200,
      headers: {
        ...PAGE_SECURITY_HEADERS,
        'content-language': locale,
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
    });
  }
}
