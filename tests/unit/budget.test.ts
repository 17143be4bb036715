import { describe, expect, it } from 'vitest';
import { createBudget } from '@/lib/scan/budget';

describe('createBudget', () => {
  it('tells the longest slice and when it began, yields and waits excluded', async () => {
    let clock = 100;
    const budget = createBudget(() => clock, async () => void (clock += 50), 8);
    clock += 5;
    expect(budget.maybeYield()).toBeUndefined(); // 5 ms into an 8 ms slice: go on
    clock += 7;
    await budget.maybeYield(); // a 12 ms slice from 100, then 50 ms away
    expect(budget.longestSliceMs()).toBe(12);
    expect(budget.longestSliceAt()).toBe(100);
    clock += 20;
    await budget.wait(Promise.resolve().then(() => void (clock += 300))); // a 20 ms slice from 162
    clock += 3;
    expect(budget.finish()).toBe(12 + 20 + 3);
    expect(budget.longestSliceMs()).toBe(20);
    expect(budget.longestSliceAt()).toBe(162);
  });
});
