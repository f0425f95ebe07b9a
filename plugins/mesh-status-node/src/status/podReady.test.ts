import { podReady } from './podReady';

const pod = (status: unknown) => ({ kind: 'Pod', metadata: { name: 'p' }, status });

describe('podReady', () => {
  it('is true only when the Ready condition is "True"', () => {
    expect(
      podReady(
        pod({
          conditions: [
            { type: 'ContainersReady', status: 'True' },
            { type: 'Ready', status: 'True' },
          ],
        }),
      ),
    ).toBe(true);
    expect(podReady(pod({ conditions: [{ type: 'Ready', status: 'False' }] }))).toBe(false);
    expect(podReady(pod({ conditions: [{ type: 'ContainersReady', status: 'True' }] }))).toBe(false);
    expect(podReady(pod(undefined))).toBe(false);
    expect(podReady(pod({ conditions: [null] }))).toBe(false);
  });
});
