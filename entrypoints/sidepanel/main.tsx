import { render } from 'preact';
import '@/components/page.css';
import '@/components/card/card.css';
import { SidePanel } from './SidePanel';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('sidepanelTitle');
render(<SidePanel initialActor={new URLSearchParams(location.search).get('actor') ?? undefined} />, document.getElementById('app')!);
