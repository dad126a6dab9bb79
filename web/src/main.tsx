import { createRoot } from 'react-dom/client';
import { App, queryClient } from './app.tsx';
import { ME_KEY } from './lib/session.tsx';
import { persistOfflineCopy, restoreOfflineCopy } from './lib/offline.tsx';
import './styles.css';

// The answers saved on this device come back before the first screen, so it opens offline with the last sync.
void restoreOfflineCopy(queryClient).finally(() => {
  persistOfflineCopy(queryClient, ME_KEY);
  createRoot(document.getElementById('root')!).render(<App />);
});

// The service worker keeps the app itself (page, scripts, styles) so that it opens without a connection.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => { navigator.serviceWorker.register('/sw.js').catch((e) => console.error(`service worker: not registered`, e)); });
}
