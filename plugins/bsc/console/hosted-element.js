// The base of the plugin's custom elements (host API version 1): a shadow root with the
// element's style sheet, and a render each time the console hands over its `rapport` host (with
// `record`, `locale` and `fetch`) while the element is attached.

/** A custom element the console hosts on a record's page; subclasses implement `render(host, root)`. */
export class HostedElement extends HTMLElement {
  #host;

  /** @param {CSSStyleSheet} sheet */
  constructor(sheet) {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  set rapport(host) {
    this.#host = host;
    if (this.isConnected) void this.#update();
  }

  get rapport() {
    return this.#host;
  }

  connectedCallback() {
    if (this.#host) void this.#update();
  }

  async #update() {
    if (!this.#host?.record?.id) return;
    await this.render(this.#host, this.shadowRoot);
  }

  /** Shows a sentence in place of the content, as an alert. */
  alert(text) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = text;
    this.shadowRoot.replaceChildren(p);
  }
}
