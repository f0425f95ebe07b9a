import { TtlCache } from './ttlCache';

describe('TtlCache', () => {
  let now = 0;
  const cache = new TtlCache<string, number>(1000, () => now);

  it('shares one load between callers of a key until the answer expires', async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('b', load)])).toEqual([1, 1, 2]);
    now = 999;
    expect(await cache.get('a', load)).toBe(1);
    now = 1000;
    expect(await cache.get('a', load)).toBe(3);
  });

  it('keeps a failed answer for its time to live too', async () => {
    let loads = 0;
    const failing = async () => {
      loads += 1;
      throw new Error('down');
    };
    await expect(cache.get('c', failing)).rejects.toThrow('down');
    await expect(cache.get('c', failing)).rejects.toThrow('down');
    expect(loads).toBe(1);
  });

  it('drops the key loaded longest ago past its bound', async () => {
    const bounded = new TtlCache<string, string>(1000, () => 0, 2);
    let loads = 0;
    const load = async () => `load ${++loads}`;
    await bounded.get('a', load);
    await bounded.get('b', load);
    await bounded.get('c', load);
    expect(await bounded.get('b', load)).toBe('load 2');
    expect(await bounded.get('c', load)).toBe('load 3');
    expect(await bounded.get('a', load)).toBe('load 4');
  });
});
