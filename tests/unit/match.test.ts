import type { ActorKey } from '@/lib/pack/keys';
import { describe, expect, it } from 'vitest';
import { buildMatcherIndex, createMatcher, resolveAmbiguity, type MatcherActor, type Mention } from '@/lib/match';
import { Alias, Pack } from '@/lib/pack/schema';
import { miniPack } from './helpers';
import { testActors } from './match-actors';

const matcher = createMatcher(buildMatcherIndex(testActors()));

/** The mentions of a block as [actor id, matched text] pairs: what a reader would check. */
function mentionsIn(text: string, using = matcher): [string, string][] {
  return using.findMentions(text).map((mention) => [mention.actor.replace('demo/', ''), text.slice(mention.start, mention.end)]);
}

describe('test actors', () => {
  it('are valid pack aliases', () => {
    for (const { aliases } of testActors()) for (const alias of aliases) expect(Alias.safeParse(alias).success).toBe(true);
  });
});

describe('findMentions: word boundaries and spacing', () => {
  it('finds a name split by inline markup as one mention over both words', () => {
    expect(matcher.findMentions('Vladimir Putin')).toEqual([
      { start: 0, end: 14, actor: 'demo/vladimir-putin', alias: 'Vladimir Putin', ambiguous: false },
    ]);
  });

  it('accepts any whitespace run between the words of an alias', () => {
    expect(mentionsIn('con Marco\u00A0Rubio e')).toEqual([['marco-rubio', 'Marco\u00A0Rubio']]);
    expect(mentionsIn('Kirill\u202FDmitriev, Kirill \n Dmitriev')).toEqual([
      ['kirill-dmitriev', 'Kirill\u202FDmitriev'],
      ['kirill-dmitriev', 'Kirill \n Dmitriev'],
    ]);
  });

  it('prefers the longest alias and reports offsets in the block', () => {
    const text = 'Talks: Steve Witkoff met Vladimir Putin; Witkoff left.';
    expect(matcher.findMentions(text).map(({ start, end, alias }) => [start, end, alias])).toEqual([
      [7, 20, 'Steve Witkoff'],
      [25, 39, 'Vladimir Putin'],
      [41, 48, 'Witkoff'],
    ]);
  });

  it('does not match inside a longer word', () => {
    expect(mentionsIn('Putinism and Trumpism, anti-Putinist')).toEqual([]);
  });

  it('requires the punctuation inside an alias, in any apostrophe or hyphen style', () => {
    for (const text of ['Zapad-2025', 'Zapad\u20112025', 'Zapad\u20102025', 'Zapad\u20132025']) {
      expect(mentionsIn(`the ${text} drills`)).toEqual([['zapad-2025', text]]);
    }
    expect(mentionsIn('Zapad 2025 and Zapad2025')).toEqual([]);
    for (const text of ["O'Brien", 'O’Brien', 'Oʼbrien']) expect(mentionsIn(`said ${text}.`)).toEqual([['robert-obrien', text]]);
    expect(mentionsIn('Robert O’Brien')).toEqual([['robert-obrien', 'Robert O’Brien']]);
  });

  it('ignores case and accents unless the alias is case-sensitive', () => {
    expect(mentionsIn('Jurij Ušakov, Jurij Usakov, USHAKOV, ušakov')).toEqual([
      ['yury-ushakov', 'Jurij Ušakov'],
      ['yury-ushakov', 'Jurij Usakov'],
      ['yury-ushakov', 'USHAKOV'],
      ['yury-ushakov', 'ušakov'],
    ]);
    expect(mentionsIn('il Cremlino e il CREMLINO')).toEqual([
      ['kremlin', 'Cremlino'],
      ['kremlin', 'CREMLINO'],
    ]);
  });
});

describe('findMentions: inflection', () => {
  it('leaves the English possessive out of the mention', () => {
    expect(mentionsIn('Putin’s envoy and Trump\'s plan')).toEqual([
      ['vladimir-putin', 'Putin'],
      ['donald-trump', 'Trump'],
    ]);
    expect(mentionsIn('at the Witkoffs’ home')).toEqual([['steve-witkoff', 'Witkoff']]);
  });

  it('takes the German genitive -s into the mention', () => {
    expect(mentionsIn('Putins Berater Juri Uschakow sagte')).toEqual([
      ['vladimir-putin', 'Putins'],
      ['yury-ushakov', 'Juri Uschakow'],
    ]);
  });

  it('declines Russian and Ukrainian surnames', () => {
    expect(mentionsIn('Трампа, Путину, Лаврову, Дмитриеву, Зеленського, Уиткоффом, Кушнером')).toEqual([
      ['donald-trump', 'Трампа'],
      ['vladimir-putin', 'Путину'],
      ['sergey-lavrov', 'Лаврову'],
      ['kirill-dmitriev', 'Дмитриеву'],
      ['volodymyr-zelensky', 'Зеленського'],
      ['steve-witkoff', 'Уиткоффом'],
      ['jared-kushner', 'Кушнером'],
    ]);
    expect(mentionsIn('с Зеленским, у Кремля, Трампові, Путіна')).toEqual([
      ['volodymyr-zelensky', 'Зеленским'],
      ['kremlin', 'Кремля'],
      ['donald-trump', 'Трампові'],
      ['vladimir-putin', 'Путіна'],
    ]);
    expect(mentionsIn('«Путин и Трамп провели телефонный разговор»')).toEqual([
      ['vladimir-putin', 'Путин'],
      ['donald-trump', 'Трамп'],
    ]);
    expect(mentionsIn('«Лавров передал поручение Дмитриеву»')).toEqual([
      ['sergey-lavrov', 'Лавров'],
      ['kirill-dmitriev', 'Дмитриеву'],
    ]);
  });

  it('reads irregular forms like alias texts, and leaves non-inflecting aliases alone', () => {
    expect(mentionsIn('встреча с Путиным')).toEqual([['vladimir-putin', 'Путиным']]);
    expect(mentionsIn('члены НАТО, но не НАТОа')).toEqual([['nato', 'НАТО']]);
  });

  it('does not decline a name into an unrelated word', () => {
    expect(mentionsIn('Путинка, Лавровский, Трампет')).toEqual([]);
  });
});

describe('findMentions: traps', () => {
  it('keeps case-sensitive aliases away from common words', () => {
    expect(mentionsIn('венок из лавров')).toEqual([]);
    expect(mentionsIn('They learned to dance a waltz at the gala.')).toEqual([]);
    expect(mentionsIn('He played a trump card.')).toEqual([]);
    expect(mentionsIn('Il bambino è nato a Roma, nella NATO.')).toEqual([['nato', 'NATO']]);
  });

  it('reports Waltz the adviser, ambiguous when only the surname is there', () => {
    expect(matcher.findMentions('Later, Waltz said no.')).toEqual([
      { start: 7, end: 12, actor: 'demo/mike-waltz', alias: 'Waltz', ambiguous: true },
    ]);
    expect(matcher.findMentions('Mike Waltz said no.')[0]).toMatchObject({ alias: 'Mike Waltz', ambiguous: false });
    expect(mentionsIn('Waltz, polka and fireworks')).toEqual([]);
  });

  it('drops a mention covered by a phrase that names something else', () => {
    expect(mentionsIn('Bondi Rescue, Bondi Beach')).toEqual([]);
    expect(mentionsIn('Attorney General Pam Bondi. Bondi said')).toEqual([
      ['pam-bondi', 'Pam Bondi'],
      ['pam-bondi', 'Bondi'],
    ]);
    expect(mentionsIn('Donald Trump Jr. flew in; so did Donald Trump.')).toEqual([['donald-trump', 'Donald Trump']]);
    expect(mentionsIn('Ivanka Trump and her father')).toEqual([]);
    expect(mentionsIn('Charles Kushner, Jared’s father')).toEqual([]);
  });

  it('treats a bare surname after another given name as someone else', () => {
    expect(mentionsIn('with Ivanka Trump and')).toEqual([]);
    expect(mentionsIn('his daughter Tiffany Trump spoke')).toEqual([]);
    expect(mentionsIn('ambassador Charles Kushner')).toEqual([]);
    expect(mentionsIn('Jared Kushner and Kushner')).toEqual([
      ['jared-kushner', 'Jared Kushner'],
      ['jared-kushner', 'Kushner'],
    ]);
  });

  it('keeps a surname after a title, its own given name, or at the start of a sentence', () => {
    expect(mentionsIn('President Trump spoke.')).toEqual([['donald-trump', 'Trump']]);
    expect(mentionsIn('In mid-July Trump gave Putin 50 days.')).toEqual([
      ['donald-trump', 'Trump'],
      ['vladimir-putin', 'Putin'],
    ]);
    expect(mentionsIn('Il presidente Putin. Ieri Putin ha detto')).toEqual([
      ['vladimir-putin', 'Putin'],
      ['vladimir-putin', 'Putin'],
    ]);
    expect(mentionsIn('Herr Putin, Präsident Trump, Президент Путин, Signor Lavrov')).toHaveLength(4);
    expect(mentionsIn('Secretary of State Rubio; Mr. Lavrov')).toEqual([
      ['marco-rubio', 'Rubio'],
      ['sergey-lavrov', 'Lavrov'],
    ]);
    // Its own given name in a case form no full alias lists: one mention over both words.
    expect(mentionsIn('Владимира Путина')).toEqual([['vladimir-putin', 'Владимира Путина']]);
    expect(mentionsIn('He said: Yesterday Trump called. (Today Putin')).toEqual([
      ['donald-trump', 'Trump'],
      ['vladimir-putin', 'Putin'],
    ]);
  });
});

describe('findMentions: given names and patronymics before a surname', () => {
  const found = (text: string) => matcher.findMentions(text).map((mention) => [mention.actor.replace('demo/', ''), text.slice(mention.start, mention.end), mention.ambiguous]);

  it('reads a Russian full name with its patronymic as one mention, in any case', () => {
    expect(found('Министр иностранных дел России Сергей Викторович Лавров заявил, что')).toEqual([
      ['sergey-lavrov', 'Сергей Викторович Лавров', false],
    ]);
    expect(found('Переговоры с Сергеем Викторовичем Лавровым продолжатся.')).toEqual([
      ['sergey-lavrov', 'Сергеем Викторовичем Лавровым', false],
    ]);
    expect(found('Russia’s foreign minister, Sergei Viktorovich Lavrov, said')).toEqual([
      ['sergey-lavrov', 'Sergei Viktorovich Lavrov', false],
    ]);
  });

  it('still reads another given name before the patronymic as someone else', () => {
    expect(found('Вчера Иван Викторович Лавров, однофамилец министра, сказал')).toEqual([]);
    expect(found('Иван Викторович Лавров, однофамилец министра')).toEqual([]);
    // "-ich" ends German given names: not a patronymic in Latin letters.
    expect(found('the conductor Friedrich Lavrov and')).toEqual([]);
  });

  it('takes a given name spelt close to the actor’s as that actor, in every case form', () => {
    expect(found('Визит Стивена Уиткоффа в Москву')).toEqual([['steve-witkoff', 'Стивена Уиткоффа', false]]);
    expect(found('встреча со Стивеном Уиткоффом')).toEqual([['steve-witkoff', 'Стивеном Уиткоффом', false]]);
    expect(found('the envoy Stephen Witkoff flew in')).toEqual([['steve-witkoff', 'Stephen Witkoff', false]]);
    expect(found('el enviado ruso Kiril Dmitriev llegó')).toEqual([['kirill-dmitriev', 'Kiril Dmitriev', false]]);
    expect(found('президент Владімір Зеленський заявив')).toEqual([['volodymyr-zelensky', 'Владімір Зеленський', false]]);
    expect(found('з Кирилом Дмитрієвим')).toEqual([['kirill-dmitriev', 'Кирилом Дмитрієвим', false]]);
    // A listed given name with a surname spelling no full alias pairs it with: one mention too.
    expect(found('Стив Виткофф')).toEqual([]); // Виткофф is not a test alias
    expect(found('meeting Steve Уиткофф')).toEqual([['steve-witkoff', 'Steve Уиткофф', false]]);
  });

  it('keeps rejecting given names that are not close: family members and namesakes', () => {
    expect(found('his son Zach Witkoff said')).toEqual([]);
    expect(found('talks with Vladislav Putin, a namesake')).toEqual([]);
    expect(found('the playwright Tony Kushner wrote')).toEqual([]);
    expect(found('the mayor, Kirk Dmitriev,')).toEqual([]);
  });

  it('never reaches back into the mention before', () => {
    expect(found('a Trump Putin summit')).toEqual([
      ['donald-trump', 'Trump', false],
      ['vladimir-putin', 'Putin', false],
    ]);
  });

  it('lets a close full name make the bare surname on the page unambiguous', () => {
    const alone = ['Dmitriev said the fund would invest.'].flatMap((block) => matcher.findMentions(block));
    expect(alone.map((mention) => mention.ambiguous)).toEqual([true]);
    expect(resolveAmbiguity(alone)).toEqual([]);
    const page = ['El enviado Kiril Dmitriev llegó a Miami.', 'Dmitriev said the fund would invest.'].flatMap((block) =>
      matcher.findMentions(block),
    );
    expect(resolveAmbiguity(page).map((mention) => mention.actor)).toEqual(['demo/kirill-dmitriev', 'demo/kirill-dmitriev']);
  });
});

describe('findMentions: soft hyphens and zero-width characters inside words', () => {
  it('reads them as part of the word, with offsets in the original text', () => {
    const text = 'met Vladi\u00ADmir Pu\u200Btin today';
    expect(matcher.findMentions(text)).toEqual([
      { start: 4, end: 20, actor: 'demo/vladimir-putin', alias: 'Vladimir Putin', ambiguous: false },
    ]);
    expect(mentionsIn('Тра\u00ADмпа и Лав\u200Cрову, Wit\u2060koff, Ze\uFEFFlensky, Ku\u200Dshner')).toEqual([
      ['donald-trump', 'Тра\u00ADмпа'],
      ['sergey-lavrov', 'Лав\u200Cрову'],
      ['steve-witkoff', 'Wit\u2060koff'],
      ['volodymyr-zelensky', 'Ze\uFEFFlensky'],
      ['jared-kushner', 'Ku\u200Dshner'],
    ]);
  });

  it('leaves them out of a mention they stand before or after', () => {
    expect(mentionsIn('\u00ADPutin\u200B said')).toEqual([['vladimir-putin', 'Putin']]);
  });

  it('does not let them join two words or hide a word', () => {
    expect(mentionsIn('Putin\u00ADism, anti\u200BTrump')).toEqual([]);
  });
});

describe('ambiguity', () => {
  it('keeps an ambiguous mention only when the page names the actor unambiguously', () => {
    const page = ['Waltz, polka and fireworks.', 'The Waltz was lovely.', 'Later, Rubio called.'].flatMap((block) =>
      matcher.findMentions(block),
    );
    expect(page.map((mention) => mention.ambiguous)).toEqual([true, true]);
    expect(resolveAmbiguity(page)).toEqual([]);

    const withNames = [...page, ...matcher.findMentions('Mike Waltz met Marco Rubio.')];
    expect(resolveAmbiguity(withNames).map((mention) => [mention.actor, mention.alias])).toEqual([
      ['demo/mike-waltz', 'Waltz'],
      ['demo/marco-rubio', 'Rubio'],
      ['demo/mike-waltz', 'Mike Waltz'],
      ['demo/marco-rubio', 'Marco Rubio'],
    ]);
  });

  it('breaks ties between actors sharing an alias: unambiguous first, then the first key', () => {
    const shared = (key: ActorKey, ambiguous?: 'shared-name'): MatcherActor => ({
      key,
      aliases: [{ text: 'Smith', lang: 'en', part: 'surname', ...(ambiguous ? { ambiguous } : {}) }],
    });
    const mention = (actors: MatcherActor[]): Mention | undefined =>
      createMatcher(buildMatcherIndex(actors)).findMentions('Smith')[0];
    expect(mention([shared('p/zed'), shared('p/adam', 'shared-name')])).toMatchObject({ actor: 'p/zed', ambiguous: false });
    expect(mention([shared('p/zed'), shared('p/adam')])).toMatchObject({ actor: 'p/adam', ambiguous: true });
    expect(mention([shared('p/adam'), shared('p/zed')])).toMatchObject({ actor: 'p/adam', ambiguous: true });
  });
});

describe('index', () => {
  it('survives structured clone and JSON, which is how it reaches content scripts', () => {
    const index = buildMatcherIndex(testActors());
    const text = 'Putin’s envoy met Steve Witkoff and Трампа';
    const expected = createMatcher(index).findMentions(text);
    expect(createMatcher(structuredClone(index)).findMentions(text)).toEqual(expected);
    expect(createMatcher(JSON.parse(JSON.stringify(index))).findMentions(text)).toEqual(expected);
  });

  it('takes the actors of a parsed pack as they are', () => {
    const pack = Pack.parse(miniPack());
    const index = buildMatcherIndex(pack.actors.map((actor) => ({ key: `${pack.id}/${actor.id}`, aliases: actor.aliases })));
    expect(mentionsIn('Путину and Donald Trump Jr. and Trump', createMatcher(index))).toEqual([
      ['mini/vladimir-putin', 'Путину'],
      ['mini/donald-trump', 'Trump'],
    ]);
  });

  it('finds nothing with no actors', () => {
    expect(createMatcher(buildMatcherIndex([])).findMentions('Vladimir Putin')).toEqual([]);
  });
});
