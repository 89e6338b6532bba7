import { afterEach } from 'vitest';

/*
 * jsdom lacks two browser APIs antd reads while laying out (its responsive grid asks
 * matchMedia; tables and selects observe their size). Neither matters to what the component
 * tests check, so they answer "no match" and observe nothing. Pure-logic tests run in Node and
 * skip all of this.
 */
if (typeof window !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  afterEach(cleanup);
  // A first render of an antd screen in jsdom, on a machine shared with other builds, can take
  // seconds; the library's 1 s default for findBy/waitFor would fail on load, not on behaviour.
  configure({ asyncUtilTimeout: 15_000 });
  if (typeof window.matchMedia !== 'function') window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) satisfies MediaQueryList;
  if (typeof window.ResizeObserver !== 'function') window.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
