import { render } from 'preact';
import { prepareLanguage } from '@/components/boot';
import '@/components/page.css';
import { OptionsPage } from './OptionsPage';

await prepareLanguage('optionsTitle');
render(<OptionsPage />, document.getElementById('app')!);
