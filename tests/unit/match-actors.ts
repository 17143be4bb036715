/**
 * Test actors for the matcher tests: a compact, realistic subset of the US–Russia pack, written here
 * so the matcher tests do not move when data/packs is edited. Imported by match.test.ts and
 * match.property.test.ts; match.test.ts checks them against the pack schema.
 */
import type { MatcherActor } from '@/lib/match';

const actor = (id: string, aliases: MatcherActor['aliases']): MatcherActor => ({ key: `demo/${id}`, aliases });

export function testActors(): MatcherActor[] {
  return [
    actor('donald-trump', [
      { text: 'Donald Trump', lang: 'en' },
      {
        text: 'Trump',
        lang: 'en',
        part: 'surname',
        caseSensitive: true,
        notWhenPartOf: ['Donald Trump Jr.', 'Ivanka Trump', 'trump card'],
      },
      { text: 'Трамп', lang: 'ru', part: 'surname' },
      { text: 'Трамп', lang: 'uk', part: 'surname' },
    ]),
    actor('vladimir-putin', [
      { text: 'Vladimir Putin', lang: 'en' },
      { text: 'Wladimir Putin', lang: 'de' },
      { text: 'Putin', lang: 'en', part: 'surname' },
      { text: 'Putin', lang: 'de', part: 'surname' },
      { text: 'Владимир Путин', lang: 'ru' },
      { text: 'Путин', lang: 'ru', part: 'surname', forms: ['Путиным'] },
      { text: 'Путін', lang: 'uk', part: 'surname' },
    ]),
    actor('steve-witkoff', [
      { text: 'Steve Witkoff', lang: 'en' },
      { text: 'Steven Witkoff', lang: 'en' },
      { text: 'Witkoff', lang: 'en', part: 'surname' },
      { text: 'Стив Уиткофф', lang: 'ru' },
      { text: 'Уиткофф', lang: 'ru', part: 'surname' },
    ]),
    actor('jared-kushner', [
      { text: 'Jared Kushner', lang: 'en' },
      { text: 'Kushner', lang: 'en', part: 'surname', notWhenPartOf: ['Charles Kushner'] },
      { text: 'Кушнер', lang: 'ru', part: 'surname' },
    ]),
    actor('sergey-lavrov', [
      { text: 'Sergey Lavrov', lang: 'en' },
      { text: 'Sergej Lavrov', lang: 'it' },
      { text: 'Lavrov', lang: 'en', part: 'surname' },
      { text: 'Сергей Лавров', lang: 'ru' },
      { text: 'Лавров', lang: 'ru', part: 'surname', caseSensitive: true },
    ]),
    actor('yury-ushakov', [
      { text: 'Yury Ushakov', lang: 'en' },
      { text: 'Jurij Ušakov', lang: 'it' },
      { text: 'Juri Uschakow', lang: 'de' },
      { text: 'Ushakov', lang: 'en', part: 'surname' },
      { text: 'Ušakov', lang: 'it', part: 'surname' },
      { text: 'Uschakow', lang: 'de', part: 'surname' },
      { text: 'Ушаков', lang: 'ru', part: 'surname' },
    ]),
    actor('kirill-dmitriev', [
      { text: 'Kirill Dmitriev', lang: 'en' },
      { text: 'Dmitriev', lang: 'en', part: 'surname', ambiguous: 'shared-name' },
      { text: 'Кирилл Дмитриев', lang: 'ru' },
      { text: 'Дмитриев', lang: 'ru', part: 'surname', ambiguous: 'shared-name' },
      { text: 'Кирило Дмитрієв', lang: 'uk' },
      { text: 'Дмитрієв', lang: 'uk', part: 'surname', ambiguous: 'shared-name' },
    ]),
    actor('mike-waltz', [
      { text: 'Mike Waltz', lang: 'en' },
      {
        text: 'Waltz',
        lang: 'en',
        part: 'surname',
        caseSensitive: true,
        ambiguous: 'common-word',
        notWhenPartOf: ['Waltz, polka'],
      },
    ]),
    actor('pam-bondi', [
      { text: 'Pam Bondi', lang: 'en' },
      { text: 'Bondi', lang: 'en', part: 'surname', notWhenPartOf: ['Bondi Beach', 'Bondi Rescue'] },
    ]),
    actor('marco-rubio', [
      { text: 'Marco Rubio', lang: 'en' },
      { text: 'Rubio', lang: 'en', part: 'surname', caseSensitive: true, ambiguous: 'shared-name' },
      { text: 'Rubio', lang: 'es', part: 'surname', caseSensitive: true, ambiguous: 'common-word' },
    ]),
    actor('robert-obrien', [
      { text: 'Robert O’Brien', lang: 'en' },
      { text: "O'Brien", lang: 'en', part: 'surname' },
    ]),
    actor('volodymyr-zelensky', [
      { text: 'Volodymyr Zelensky', lang: 'en' },
      { text: 'Zelensky', lang: 'en', part: 'surname' },
      { text: 'Zelenskyy', lang: 'en', part: 'surname' },
      { text: 'Зеленский', lang: 'ru', part: 'surname' },
      { text: 'Володимир Зеленський', lang: 'uk' },
      { text: 'Зеленський', lang: 'uk', part: 'surname' },
    ]),
    actor('kremlin', [
      { text: 'Kremlin', lang: 'en', part: 'short' },
      { text: 'Cremlino', lang: 'it', part: 'short' },
      { text: 'Кремль', lang: 'ru', part: 'short' },
      { text: 'Кремль', lang: 'uk', part: 'short' },
    ]),
    actor('nato', [
      { text: 'NATO', lang: 'en', part: 'acronym', caseSensitive: true },
      { text: 'НАТО', lang: 'ru', part: 'acronym', caseSensitive: true, inflect: false },
    ]),
    actor('zapad-2025', [{ text: 'Zapad-2025', lang: 'en', inflect: false }]),
  ];
}
