import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// happy-dom lays nothing out: give scrolling list containers the size of a laptop window, so the
// virtualiser renders the rows a person would see.
const inBrowser = typeof HTMLElement !== 'undefined';
for (const [property, size] of inBrowser
  ? ([
      ['clientHeight', 640],
      ['clientWidth', 1024],
    ] as const)
  : []) {
  const native =
    Object.getOwnPropertyDescriptor(HTMLElement.prototype, property) ??
    Object.getOwnPropertyDescriptor(Element.prototype, property);
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('table-scroller') ? size : (native?.get?.call(this) ?? 0);
    },
  });
}

// happy-dom has no canvas: its getContext answers null, and uPlot, which draws on a later microtask,
// then throws outside any test. A 2D context that draws nothing lets charts mount as in a browser.
if (inBrowser) {
  const drawsNothing = new Proxy(
    {},
    {
      get: (_target, key) => (key === 'measureText' ? () => ({ width: 0 }) : () => undefined),
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() => drawsNothing) as never;
}

afterEach(() => {
  if (!inBrowser) return;
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
