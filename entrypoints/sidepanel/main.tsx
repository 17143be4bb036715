import { render } from 'preact';
import { prepareLanguage } from '@/components/boot';
import '@/components/page.css';
import '@/components/card/card.css';
import { isActorKey } from '@/lib/pack/keys';
import { SidePanel } from './SidePanel';

await prepareLanguage('sidepanelTitle');
const params = new URLSearchParams(location.search);
const tab = Number(params.get('tab'));
const actor = params.get('actor');
render(
  <SidePanel {...(isActorKey(actor) && { initialActor: actor })} {...(Number.isInteger(tab) && tab > 0 && { fixedTab: tab })} />,
  document.getElementById('app')!,
);
