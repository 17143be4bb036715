/** A pack text in the reader's language, else English (every pack has English); '' when there is none. */
export function localized(text: Readonly<Record<string, string>> | undefined, lang: string): string {
  return text ? (text[lang] ?? text.en ?? '') : '';
}
