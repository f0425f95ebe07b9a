import '@testing-library/jest-dom';

// jsdom lays nothing out and has no ResizeObserver, which recharts' ResponsiveContainer asks for (every browser has it);
// the charts render empty here, and the browser suite reads them drawn.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
