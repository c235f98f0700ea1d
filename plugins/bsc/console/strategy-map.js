// <bsc-strategy-map>: the strategy map of the scorecard whose page it sits on, for the current
// period, as the SVG the plugin draws (GET /api/bsc/scorecards/:id/map.svg). Host API version 1:
// the console sets `rapport` (with `record` and `fetch`) before attaching the element.

import { HostedElement } from './hosted-element.js';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; }
  figure { margin: 0; overflow-x: auto; }
  img { display: block; max-width: none; }
  figcaption { font-size: 0.875rem; margin-top: 0.5rem; color: #4a5566; }
  a { color: inherit; }
`);

class BscStrategyMap extends HostedElement {
  constructor() {
    super(sheet);
  }

  async render(host, root) {
    const id = host.record.id;
    const path = `/api/bsc/scorecards/${encodeURIComponent(id)}/map.svg`;
    root.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: 'Loading the strategy map…' }),
    );
    const response = await host.fetch(path);
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      this.alert(`The strategy map could not be drawn: ${problem.detail ?? response.statusText}`);
      return;
    }
    const svg = await response.text();
    const title = new DOMParser()
      .parseFromString(svg, 'image/svg+xml')
      .querySelector('svg > title')?.textContent;
    const figure = document.createElement('figure');
    const image = document.createElement('img');
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    image.alt = title ?? 'Strategy map';
    const caption = document.createElement('figcaption');
    const link = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })),
      download: 'strategy-map.svg',
      textContent: 'Download the map (SVG, printable)',
    });
    caption.append(`${title ?? ''}. `, link);
    figure.append(image, caption);
    root.replaceChildren(figure);
  }
}

if (!customElements.get('bsc-strategy-map')) customElements.define('bsc-strategy-map', BscStrategyMap);
