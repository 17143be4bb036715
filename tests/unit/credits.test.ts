/**
 * Outlets are sources: a news outlet kept as an actor (it acts in an event) is not highlighted where a
 * page only credits it: photo credits, datelines, bylines, attributions. Checked on the context rule
 * alone (lib/match/credits.ts) and through the matcher, where only outlet actors are affected.
 */
import { describe, expect, it } from 'vitest';
import { buildMatcherIndex, createMatcher, type MatcherActor } from '@/lib/match';
import { creditCues } from '@/lib/match/credit-cues';
import { compileCreditRules, isCredit } from '@/lib/match/credits';

const rules = compileCreditRules(creditCues());

/** Whether the first `name` in `text` is a credit. */
function credited(text: string, name = 'Reuters'): boolean {
  const start = text.indexOf(name);
  if (start < 0) throw new Error(`"${name}" is not in "${text}"`);
  return isCredit(rules, text, start, start + name.length);
}

const newYorkPost = (outlet: boolean): MatcherActor => ({
  key: 'demo/new-york-post',
  outlet,
  aliases: [
    { text: 'New York Post', lang: 'en', inflect: false },
    { text: 'Нью-Йорк пост', lang: 'ru', inflect: false },
    { text: 'Post', lang: 'en', part: 'short', caseSensitive: true, ambiguous: 'common-word', inflect: false, notWhenPartOf: ['Washington Post'] },
  ],
});
const trump: MatcherActor = { key: 'demo/donald-trump', aliases: [{ text: 'Donald Trump', lang: 'en' }] };
// A person whose name is credited like an outlet's would be ("according to Donald Trump"): no outlet flag, no rule.
const matcher = createMatcher(buildMatcherIndex([newYorkPost(true), trump]));
const found = (text: string, using = matcher) => using.findMentions(text).map((m) => text.slice(m.start, m.end));

describe('isCredit: the corpus’s own credit forms', () => {
  it.each([
    ['Tomáš Souček po vítězství ve Villa Parku. | Foto: Reuters'],
    ['The Moulin Rouge cabaret in Paris Benoit Tessier/Reuters'],
    ['the City does not employ enough disabled people. Reuters/Corbis 9/50'],
    ['By The New York Times | Source: Reuters'],
    ['the compound, told Reuters. Mr Mugabe is resisting'],
    ['Zimbabwean intelligence reports seen by Reuters suggest that'],
    ['as Reuters reported, “fears of a jihadist'],
    ['most of them foreign tourists. (Reuters) “This attack today'],
    ['Reuters'],
    ['Reuters TV'],
  ])('%s', (text) => expect(credited(text)).toBe(true));
});

describe('isCredit: credits and attributions in the pack’s languages', () => {
  it.each([
    ['Photo: Reuters/Evelyn Hockstein'],
    ['(Photo by Reuters)'],
    ['© 2025 Reuters'],
    ['MOSCOW, Feb 10 (Reuters) - Russia said'],
    ['By Reuters staff'],
    ['a senior official told the news agency Reuters on Monday'],
    ['the talks went well, according to Reuters.'],
    ['Reuters could not independently verify the report.'],
    ['Reuters, citing three sources, said'],
    ['a Reuters reporter asked him'],
    ['secondo l’agenzia Reuters, i colloqui'],
    ['ha detto all’agenzia Reuters che'],
    ['La notizia è stata riportata dal quotidiano statunitense Reuters, che ha scritto'],
    ['selon Reuters, les discussions'],
    ['a déclaré à Reuters que'],
    ['laut Reuters haben die Gespräche'],
    ['sagte der Nachrichtenagentur Reuters am Montag'],
    ['Reuters zufolge'],
    ['según Reuters, las conversaciones'],
    ['dijo a Reuters que'],
    ['об этом сообщает агентство Рейтер', 'Рейтер'],
    ['по данным Рейтер, переговоры', 'Рейтер'],
    ['заявил агентству Рейтер источник', 'Рейтер'],
    ['про це повідомляє агенція Рейтер', 'Рейтер'],
    ['Фото: Рейтер', 'Рейтер'],
  ])('%s', (text, name = 'Reuters') => expect(credited(text, name)).toBe(true));
});

describe('isCredit: the outlet acting, or merely named', () => {
  it.each([
    ['In a phone interview with Reuters aboard Air Force One, Trump said'],
    ['Il presidente Trump ha rilasciato l’intervista telefonica al Reuters lo scorso venerdì'],
    ['Trump sued Reuters over the story.'],
    ['Reuters, the agency founded in London, was sold in 2008.'],
    ['the Reuters building in Canary Wharf'],
    // A closing comma breaks the cue: "told" has its object already.
    ['he told them, Reuters included, nothing'],
  ])('%s', (text) => expect(credited(text)).toBe(false));

  it('a cue far before the name, with other words between, does not reach it', () => {
    expect(credited('according to officials who briefed the allies in Brussels, Reuters later')).toBe(false);
  });
});

describe('matcher: an outlet actor’s credits are not mentions', () => {
  it('skips the attribution and keeps the act', () => {
    const text =
      'Trump gave a phone interview to the New York Post aboard Air Force One. Donald Trump told the New York Post he had spoken to Putin, according to the Post.';
    expect(found(text)).toEqual(['New York Post', 'Donald Trump']);
  });

  it('skips Cyrillic and Italian attributions', () => {
    expect(found('об этом сообщает издание Нью-Йорк пост')).toEqual([]);
    expect(found('Secondo quanto comunica il New York Post, Trump avrebbe detto')).toEqual([]);
    expect(found('Trump ha rilasciato l’intervista telefonica al New York Post lo scorso venerdì')).toEqual(['New York Post']);
  });

  it('nothing inside a skipped credit is matched by a shorter alias', () => {
    // "Post" alone is an alias too, and "York Post" credits nothing: the credit covers the whole name.
    expect(found('Benoit Tessier/New York Post')).toEqual([]);
  });

  it('leaves actors that are not outlets alone, and the same outlet without the flag', () => {
    expect(found('according to Donald Trump')).toEqual(['Donald Trump']);
    const unflagged = createMatcher(buildMatcherIndex([newYorkPost(false)]));
    expect(found('Donald Trump told the New York Post', unflagged)).toEqual(['New York Post']);
  });

  it('the flag survives structured cloning of the index', () => {
    const index = structuredClone(buildMatcherIndex([newYorkPost(true)]));
    expect(found('told the New York Post', createMatcher(index))).toEqual([]);
    expect(found('an interview with the New York Post', createMatcher(index))).toEqual(['New York Post']);
  });
});

describe('the cue lists travel in the index', () => {
  it('only when some actor is an outlet', () => {
    expect(buildMatcherIndex([trump]).creditCues).toBeUndefined();
    expect(buildMatcherIndex([newYorkPost(true), trump]).creditCues).toEqual(creditCues());
  });
});
