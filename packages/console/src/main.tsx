import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp, createQueryClient } from './app.js';
import { chosenLanguage, createI18n } from './i18n/i18n.js';
import { createConsoleRouter } from './router.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('the console page has no #root element');
createRoot(root).render(
  <StrictMode>
    <ConsoleApp
      router={createConsoleRouter()}
      queries={createQueryClient()}
      i18n={createI18n(chosenLanguage() ?? 'en')}
    />
  </StrictMode>,
);
