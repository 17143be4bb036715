/**
 * Words that may stand right before a bare surname without being someone's given name: titles,
 * honorifics and office words ("President Trump", "Herr Putin", "Министр Лавров"), and the capitalised
 * calendar words of English and German ("in mid-July Trump gave…", "am Montag Putin"). Capitalised words
 * not listed here make a bare surname someone else's ("Ivanka Trump", "Charles Kushner").
 * Kept per language for the pack authors' sake, looked up as one set: pages quote other languages.
 */
import { foldWord } from './text';

const TITLES: Record<string, string> = {
  en: `President Presidents Vice Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady Secretary State Senator Sen Rep
    Representative Congressman Congresswoman Governor Gov Mayor Envoy Minister Director Ambassador Chancellor
    General Gen Admiral Colonel Col Prince Princess King Queen Pope Premier Prime Special Former Deputy Chief
    Spokesman Spokeswoman Spokesperson Adviser Advisor Aide Attorney Judge Justice Speaker Leader Chairman
    Commissioner Defense Treasury
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow Then Meanwhile`,
  it: `Presidente Presidenti Ministro Ministra Segretario Segretaria Inviato Inviata Senatore Senatrice Signor
    Signore Signora Sig Sigra Papa Premier Consigliere Consigliera Direttore Direttrice Generale Ambasciatore
    Ambasciatrice Cancelliere Portavoce Onorevole Dottor Dottore Dottoressa Capo Vice Ex Zar`,
  fr: `Président Présidente Monsieur Madame Mademoiselle M Mme Mlle Ministre Secrétaire Envoyé Envoyée Conseiller
    Conseillère Directeur Directrice Ambassadeur Ambassadrice Chancelier Général Premier Porte-parole Docteur Pape`,
  de: `Herr Herrn Frau Präsident Präsidenten Präsidentin Kanzler Bundeskanzler Kanzlerin Minister Ministerin
    Außenminister Sondergesandter Sondergesandte Gesandter Gesandte Berater Beraterin Botschafter Direktor
    Sprecher Sprecherin Senator General Papst Dr Prof Ex
    Januar Februar März April Mai Juni Juli August September Oktober November Dezember
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Heute Gestern Morgen`,
  es: `Presidente Señor Señora Sr Sra Don Doña Ministro Ministra Secretario Secretaria Enviado Enviada Canciller
    Senador Senadora Asesor Asesora Director Directora Embajador Embajadora General Papa Portavoz`,
  ru: `Президент Президента Президентом Господин Госпожа Министр Министра Глава Главы Помощник Помощника Советник
    Посланник Спецпосланник Спецпосланника Госсекретарь Госсекретаря Премьер Премьер-министр Генсек Посол
    Сенатор Директор Пресс-секретарь Патриарх Папа Экс`,
  uk: `Президент Президента Пан Пані Пана Міністр Міністра Глава Голова Помічник Радник Посланець Спецпосланець
    Держсекретар Посол Сенатор Директор Речник Речниця Папа Екс`,
};

let foldedTitles: Set<string> | undefined;

/** Whether a folded word is a title in any language. Multi-part titles count by their last word. */
export function isTitle(foldedWord: string): boolean {
  foldedTitles ??= new Set(
    Object.values(TITLES)
      .flatMap((words) => words.split(/\s+/))
      .map((title) => foldWord(title.split('-').pop() ?? title)),
  );
  return foldedTitles.has(foldedWord);
}
