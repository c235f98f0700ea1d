import { escapeHtml, noEscape, writer } from './mustache-writer.js';

/** What a template renders into. */
export interface RenderedContent {
  subject?: string;
  text: string;
  html?: string;
}

/** Renders the parts of a checked template: HTML with every merge field escaped, the rest as plain text. */
export function renderTemplate(
  template: { subject?: string; text: string; html?: string },
  view: Record<string, unknown>,
): RenderedContent {
  const plain = (source: string) => writer.render(source, view, undefined, { escape: noEscape });
  return {
    ...(template.subject === undefined
      ? {}
      : {
          subject: plain(template.subject)
            .replace(/[\r\n]+/g, ' ')
            .trim(),
        }),
    text: plain(template.text),
    ...(template.html === undefined
      ? {}
      : { html: writer.render(template.html, view, undefined, { escape: escapeHtml }) }),
  };
}
