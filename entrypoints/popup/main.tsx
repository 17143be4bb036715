import { render } from 'preact';
import { prepareLanguage } from '@/components/boot';
import '@/components/page.css';
import { Popup } from './Popup';

await prepareLanguage('extName');
render(<Popup />, document.getElementById('app')!);
