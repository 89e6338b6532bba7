import { afterEach } from 'vitest';

/*
 * jsdom lacks two browser APIs antd reads while laying out (its responsive grid asks
 * matchMedia; tables and selects observe their size). Neither matters to what the component
 * tests check, so they answer "no match" and observe nothing. Pure-logic tests run in Node and
 * skip all of this.
 */
if (typeof window !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(cleanup);
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
