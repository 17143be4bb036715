/**
 * The generated pack (lib/pack/synthetic.ts) behind `npm run pack:synthetic` and the bench build: valid
 * as an import would check it, as big as asked, in several scripts, and the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { syntheticActor, syntheticPack } from '@/lib/pack/synthetic';
import { validatePack } from '@/lib/pack/validate';
import { buildMatcherIndex, createMatcher } from '@/lib/match';

describe('syntheticPack', () => {
  const pack = syntheticPack(400, { eventsPerActor: 5 });

  it('is a valid pack with three aliases an actor and five events an actor, without a warning', () => {
    const check = validatePack(pack);
    expect(check.ok && check.warnings).toEqual([]);
    expect(pack.actors).toHaveLength(400);
    expect(pack.actors.every((a) => a.aliases.length === 3)).toBe(true);
    expect(pack.events).toHaveLength(2000);
  });

  it('names every actor differently, in Latin with and without diacritics, Cyrillic and Greek', () => {
    const names = pack.actors.map((a) => a.aliases[0]!.text);
    expect(new Set(names).size).toBe(names.length);
    const scripts = (pattern: RegExp) => names.filter((n) => pattern.test(n)).length;
    expect(scripts(/^[A-Za-z ]+$/)).toBe(100);
    expect(scripts(/[\u00C0-\u017F]/u)).toBeGreaterThan(50);
    expect(scripts(/\p{Script=Cyrillic}/u)).toBe(100);
    expect(scripts(/\p{Script=Greek}/u)).toBe(100);
    // A Cyrillic or Greek name has the Latin spelling a Western paper prints.
    expect(pack.actors[2]!.aliases[2]!.text).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('gives every actor events, some with a second actor, citing its sources', () => {
    const withEvents = new Set(pack.events.flatMap((e) => e.actors.map((a) => a.actor)));
    expect(withEvents.size).toBe(400);
    expect(pack.events.some((e) => e.actors.length === 2)).toBe(true);
    expect(new Set(pack.events.map((e) => e.date.length))).toEqual(new Set([4, 7, 10]));
  });

  it('is the same on every run, and actor i does not depend on the others', () => {
    expect(JSON.stringify(syntheticPack(50, { eventsPerActor: 2 }))).toBe(JSON.stringify(syntheticPack(50, { eventsPerActor: 2 })));
    expect(pack.actors[123]).toEqual(syntheticActor(123, 400));
  });

  it('has no events unless asked (the bench build installs it on every fresh profile), and keeps an id given as a string', () => {
    const bare = syntheticPack(10, 'my-pack');
    expect(bare.events).toEqual([]);
    expect(bare.id).toBe('my-pack');
    expect(validatePack(bare).ok).toBe(true);
  });

  it('highlights its names on a page, Cyrillic and transliterated alike', () => {
    const matcher = createMatcher(buildMatcherIndex(pack.actors.map((a) => ({ key: `${pack.id}/${a.id}`, aliases: a.aliases }))));
    const cyrillic = pack.actors[2]!;
    const text = `Вчера ${cyrillic.aliases[0]!.text} сказал. Later ${cyrillic.aliases[2]!.text} left.`;
    expect(matcher.findMentions(text).map((m) => m.actor)).toEqual([`${pack.id}/actor-2`, `${pack.id}/actor-2`]);
  });
});
