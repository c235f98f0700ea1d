import { createHash } from 'node:crypto';
import { API_SECURITY_HEADERS } from '../http/response-headers.js';

/**
 * The colours of public pages. Each pair a person reads meets WCAG 2.2 AA (4.5:1 for text, 3:1
 * for borders and the focus ring; the body text reaches AAA, 7:1), checked by a test.
 */
export const PAGE_COLOURS = Object.freeze({
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  accent: '#0b57d0',
  accentHover: '#0842a0',
  onAccent: '#ffffff',
  border: '#6e7781',
  error: '#b3261e',
});

const c = PAGE_COLOURS;

/**
 * The one stylesheet of public pages, sent inline and allowed by its hash in the CSP (so no
 * `'unsafe-inline'` and no extra request). Large touch targets, a visible focus ring on every
 * control (`:focus-visible`), system fonts that cover Latin and Chinese.
 */
export const PAGE_STYLE = [
  ':root{color-scheme:light}',
  '*,*::before,*::after{box-sizing:border-box}',
  `body{margin:0;background:${c.background};color:${c.text};font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}`,
  `header{border-bottom:1px solid ${c.border};padding:.75rem 1.25rem}`,
  `.site{margin:0 auto;max-width:36rem;font-weight:600;color:${c.muted}}`,
  'main{max-width:36rem;margin:0 auto;padding:2rem 1.25rem 3rem}',
  'h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}',
  'p{margin:0 0 1rem}',
  `.muted{color:${c.muted}}`,
  `a{color:${c.accent}}`,
  'fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}',
  'legend{font-weight:600;margin-bottom:.5rem;padding:0}',
  '.choices{display:flex;flex-wrap:wrap;gap:.5rem}',
  `.choice{display:flex;align-items:center;gap:.5rem;min-height:2.75rem;padding:.25rem .875rem;border:2px solid ${c.border};border-radius:.5rem;cursor:pointer}`,
  `.choice input{width:1.25rem;height:1.25rem;margin:0;accent-color:${c.accent}}`,
  '.field{display:block;font-weight:600;margin-bottom:.25rem}',
  `.hint{display:block;color:${c.muted};margin-bottom:.5rem}`,
  `textarea{display:block;width:100%;min-height:6rem;margin-bottom:1.25rem;font:inherit;color:inherit;background:${c.background};border:2px solid ${c.border};border-radius:.5rem;padding:.5rem .75rem}`,
  `button{font:inherit;font-weight:600;color:${c.onAccent};background:${c.accent};border:2px solid ${c.accent};border-radius:.5rem;padding:.5rem 1.25rem;min-height:2.75rem;cursor:pointer}`,
  `button:hover{background:${c.accentHover};border-color:${c.accentHover}}`,
  `:focus-visible{outline:3px solid ${c.accent};outline-offset:2px}`,
  `.error{color:${c.error};font-weight:600}`,
].join('');

/** The CSP source that allows exactly {@link PAGE_STYLE}. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

/**
 * Headers of every public HTML page: a CSP with no scripts at all and only the kit's stylesheet,
 * forms posting back to this origin, no framing (`frame-ancestors 'none'` and `X-Frame-Options`),
 * no referrer (the token is in the URL), no caching, no sniffing, no indexing.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src ${PAGE_STYLE_SOURCE}; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
  'cross-origin-opener-policy': 'same-origin',
  'strict-transport-security': API_SECURITY_HEADERS['strict-transport-security'] as string,
});
