// Service worker (#17): keeps the app itself — the page, its scripts and styles — so that it opens without a
// connection. Data is not cached here: the app keeps its own offline copy in IndexedDB (web/src/lib/offline.tsx), and
// every /api/ request goes to the network as usual.
const SHELL = 'clienteling-shell-v1';

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch('/index.html', { cache: 'no-store' });
  if (!page.ok) throw new Error(`index.html: ${page.status}`);
  const html = await page.clone().text();
  await cache.put('/index.html', page);
  // The hashed script and style files this build's page names.
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...assets, '/manifest.webmanifest', '/icon-192.png', '/icon-512.png'])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== SHELL) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The network first (a new build is picked up at once); the kept page when there is none.
    event.respondWith((async () => {
      try {
        const answer = await fetch(request);
        if (answer.ok && (answer.headers.get('content-type') ?? '').includes('text/html')) {
          const cache = await caches.open(SHELL);
          await cache.put('/index.html', answer.clone());
        }
        return answer;
      } catch (e) {
        const kept = await caches.match('/index.html');
        if (kept) return kept;
        throw e;
      }
    })());
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: kept ones are used as they are; new ones are kept as they load.
    event.respondWith((async () => {
      const kept = await caches.match(request);
      if (kept) return kept;
      const answer = await fetch(request);
      if (answer.ok) { const cache = await caches.open(SHELL); await cache.put(request, answer.clone()); }
      return answer;
    })());
  }
});
