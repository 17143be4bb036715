import { render } from 'preact';
import '@/components/page.css';
import { OptionsPage } from './OptionsPage';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('optionsTitle');
render(<OptionsPage />, document.getElementById('app')!);
