/**
 * The side panel (Chrome) / sidebar (Firefox). For now: the timeline of the actor chosen from a hover
 * card, every event ranked for the page in the active tab. The full timeline with filters is next.
 */
import { useEffect, useState } from 'preact/hooks';
import { ActorCard } from '@/components/card/ActorCard';
import { t, uiLanguage } from '@/components/i18n';
import { request } from '@/components/request';
import type { CardReply } from '@/lib/messages/protocol';
import { localDay } from '@/lib/pack/dates';
import { FOCUS_KEY, parseFocus } from '@/lib/timeline/focus';

export function SidePanel({ initialActor }: { initialActor?: string }) {
  const [actor, setActor] = useState(initialActor);
  const [card, setCard] = useState<CardReply | null>();
  const [problem, setProblem] = useState<string>();
  const lang = uiLanguage();

  useEffect(() => {
    if (!initialActor) void browser.storage.session.get(FOCUS_KEY).then((stored) => setActor(parseFocus(stored[FOCUS_KEY])?.actor));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const focus = area === 'session' ? parseFocus(changes[FOCUS_KEY]?.newValue) : undefined;
      if (focus) setActor(focus.actor);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [initialActor]);

  useEffect(() => {
    if (!actor) return;
    let current = true;
    void (async () => {
      try {
        const page = await request('page:get', {}).catch(() => null);
        const reply = await request('card:get', {
          actor,
          lang,
          today: localDay(),
          pageActors: page?.actors.map((a) => a.actor) ?? [],
          limit: 1000,
          ...(page?.published && { published: page.published }),
        });
        if (current) setCard(reply);
      } catch (error) {
        if (current) setProblem(String(error));
      }
    })();
    return () => {
      current = false;
    };
  }, [actor, lang]);

  return (
    <main class="page sidepanel">
      {problem && <p class="problem">{t('cardLoadFailed', problem)}</p>}
      {!actor && <p class="store-state">{t('sidepanelEmpty')}</p>}
      {card && <ActorCard card={card} locale={browser.i18n.getUILanguage()} />}
    </main>
  );
}
