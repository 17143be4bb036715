/**
 * The pack's names as real coverage writes them (issue 13, point 4): each spelling and each ambiguity
 * decision of data/packs/us-russia-2025.json, checked on the kind of page that shows it. Unlike
 * match.test.ts these use the shipped pack, because the decisions are the pack's (docs/decisions.md,
 * "Names as outlets write them").
 */
import { describe, expect, it } from 'vitest';
import pack from '@/data/packs/us-russia-2025.json';
import { buildMatcherIndex, createMatcher, resolveAmbiguity } from '@/lib/match';
import { Pack } from '@/lib/pack/schema';

const parsed = Pack.parse(pack);
const matcher = createMatcher(buildMatcherIndex(parsed.actors.map((actor) => ({ key: `${parsed.id}/${actor.id}`, aliases: actor.aliases }))));

/** What a reader sees highlighted on a page of these blocks: [actor id, text], after the page-level ambiguity rule. */
function highlights(...blocks: string[]): [string, string][] {
  return resolveAmbiguity(
    blocks.flatMap((block) => matcher.findMentions(block).map((mention) => ({ ...mention, text: block.slice(mention.start, mention.end) }))),
  ).map((mention) => [mention.actor.replace(`${parsed.id}/`, ''), mention.text]);
}

describe('spellings the pack now lists', () => {
  it('Reuters: Zelenskiy', () => {
    expect(highlights('Ukrainian President Volodymyr Zelenskiy said on Monday that', 'Zelenskiy added that')).toEqual([
      ['volodymyr-zelensky', 'Volodymyr Zelenskiy'],
      ['volodymyr-zelensky', 'Zelenskiy'],
    ]);
  });

  it('Spanish: Kiril Dmítriev, and the bare surname after it', () => {
    expect(highlights('El enviado ruso Kiril Dmítriev se reunió en Miami con Witkoff.', 'Según Dmítriev, el diálogo avanza.')).toEqual([
      ['kirill-dmitriev', 'Kiril Dmítriev'],
      ['steve-witkoff', 'Witkoff'],
      ['kirill-dmitriev', 'Dmítriev'],
    ]);
  });

  it('Ukrainian: Волтц; German: Jurij Uschakow; Italian: Serghei Lavrov', () => {
    expect(highlights('Радник з національної безпеки Майк Волтц заявив, що Волтца не запрошували.')).toEqual([
      ['mike-waltz', 'Майк Волтц'],
      ['mike-waltz', 'Волтца'],
    ]);
    expect(highlights('Kremlberater Jurij Uschakow sagte am Abend')).toEqual([['yury-ushakov', 'Jurij Uschakow']]);
    expect(highlights('il ministro degli Esteri Serghei Lavrov ha detto')).toEqual([['sergey-lavrov', 'Serghei Lavrov']]);
  });

  it('Russian full names with patronymics, in any case', () => {
    expect(
      highlights(
        'Помощник президента Юрий Викторович Ушаков и пресс-секретарь Дмитрий Сергеевич Песков сообщили, что Кирилл ' +
          'Александрович Дмитриев встретится с Сергеем Викторовичем Лавровым.',
      ),
    ).toEqual([
      ['yury-ushakov', 'Юрий Викторович Ушаков'],
      ['dmitry-peskov', 'Дмитрий Сергеевич Песков'],
      ['kirill-dmitriev', 'Кирилл Александрович Дмитриев'],
      ['sergey-lavrov', 'Сергеем Викторовичем Лавровым'],
    ]);
  });

  it('given names no pack lists: Стивен, Stephen, Владімір, Кирил', () => {
    expect(highlights('Путин принял спецпосланника Стивена Уиткоффа.')).toEqual([
      ['vladimir-putin', 'Путин'],
      ['steve-witkoff', 'Стивена Уиткоффа'],
    ]);
    expect(highlights('U.S. envoy Stephen Witkoff arrived in Moscow.')).toEqual([['steve-witkoff', 'Stephen Witkoff']]);
    expect(highlights('Президент Владімір Зеленський зустрівся з Кирилом Дмитрієвим.')).toEqual([
      ['volodymyr-zelensky', 'Владімір Зеленський'],
      ['kirill-dmitriev', 'Кирилом Дмитрієвим'],
    ]);
  });
});

describe('ambiguity decisions', () => {
  it('Rubio is a common Spanish surname and adjective: alone on a page it is nobody', () => {
    expect(highlights('El alcalde Rubio inauguró ayer la biblioteca municipal.', 'Rubio agradeció el apoyo de los vecinos.')).toEqual([]);
    expect(highlights('The Spurs signed Rubio on a one-year deal.')).toEqual([]);
    expect(highlights('El secretario de Estado Marco Rubio viajó a Ginebra.', 'Rubio dijo que')).toEqual([
      ['marco-rubio', 'Marco Rubio'],
      ['marco-rubio', 'Rubio'],
    ]);
  });

  it('Kyiv the city is not the Ukrainian government, even on a page that names the government', () => {
    expect(highlights('Уряд України схвалив угоду.', 'Переговори у Києві тривали до вечора, а Київ чекає на відповідь.')).toEqual([
      ['ukrainian-government', 'Уряд України'],
    ]);
    expect(highlights('The Ukrainian government said', 'Talks in Kyiv ended late; Kiev, as older reports spell it, was quiet.')).toEqual([
      ['ukrainian-government', 'Ukrainian government'],
    ]);
    expect(highlights('правительство Украины', 'Переговоры в Киеве', 'Gespräche in Kiew und Kyjiw')).toEqual([
      ['ukrainian-government', 'правительство Украины'],
    ]);
  });

  it('a headline that names Trump alone highlights him; the traps stay out', () => {
    expect(highlights('Trump threatens Russia with new sanctions over Ukraine')).toEqual([['donald-trump', 'Trump']]);
    expect(highlights('Трамп пригрозил России новыми санкциями')).toEqual([['donald-trump', 'Трамп']]);
    expect(highlights('Il presidente Trump ha detto')).toEqual([['donald-trump', 'Trump']]);
    expect(highlights('He played his trump card.', 'Donald Trump Jr. posted a video.', 'Ivanka Trump and Eric Trump')).toEqual([]);
    // A tarot page of the corpus (article-author-tag.html): "21 Trump cards known as the Major Arcana".
    expect(highlights('four face cards plus 21 Trump cards known as the Major Arcana')).toEqual([]);
  });

  it('a Russian paragraph that names Лавров alone highlights him; laurels stay out', () => {
    expect(highlights('Лавров провёл переговоры с Рубио в Эр-Рияде.')).toEqual([
      ['sergey-lavrov', 'Лавров'],
      ['marco-rubio', 'Рубио'],
    ]);
    expect(highlights('Лавров і Рубіо', 'почивать на лаврах, венок из лавров')).toEqual([
      ['sergey-lavrov', 'Лавров'],
      ['marco-rubio', 'Рубіо'],
    ]);
    expect(highlights('венок из лавров')).toEqual([]);
  });

  it('surnames that stay ambiguous need the full name on the page', () => {
    for (const alone of ['Waltz said no.', 'Bondi said no.', 'Kushner said no.', 'Dmitriev said no.', 'Ushakov said no.', 'Кушнер сказал', 'Ушаков сказал']) {
      expect(highlights(alone), alone).toEqual([]);
    }
    expect(highlights('Peskov said no.', 'Песков сказал', 'Witkoff said no.', 'Putin said no.')).toHaveLength(4);
  });
});
