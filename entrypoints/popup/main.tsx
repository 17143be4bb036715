import { render } from 'preact';
import '@/components/page.css';
import { Popup } from './Popup';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('extName');
render(<Popup />, document.getElementById('app')!);
