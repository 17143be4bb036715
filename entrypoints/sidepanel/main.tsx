import { render } from 'preact';
import { prepareLanguage } from '@/components/boot';
import '@/components/page.css';
import '@/components/card/card.css';
import { SidePanel } from './SidePanel';

await prepareLanguage('sidepanelTitle');
const params = new URLSearchParams(location.search);
const tab = Number(params.get('tab'));
render(
  <SidePanel initialActor={params.get('actor') ?? undefined} {...(Number.isInteger(tab) && tab > 0 && { fixedTab: tab })} />,
  document.getElementById('app')!,
);
