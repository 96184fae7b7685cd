// The portal's service worker (served at /sw.js by petitions.pwa): the branch leader's petition form and
// list open without signal. Those pages and their files: network first, the last copy when offline. Nothing
// else is touched. Petitions typed offline wait in IndexedDB (offline-queue.js) and go out when the signal
// returns: on the page's "online" event, on load, or here on Background Sync.
"use strict";
const CONFIG = {{ config|safe }};
importScripts({{ queue_script|safe }});

const PAGES = new Set(CONFIG.pages);
const ASSETS = new Set(CONFIG.assets);

async function store(url, response) {
  // Only what the user really got (no redirect to the login page, no error), and of pages only those the
  // portal marks as meant for offline use (a province-wide list is never kept).
  const page = PAGES.has(url);
  if (response.ok && !response.redirected && response.type === "basic" && (!page || response.headers.get("X-Offline-Page") === "1")) {
    const cache = await caches.open(CONFIG.cache);
    await cache.put(url, response);
  }
}

async function fill(urls, onlyMissing) {
  const cache = await caches.open(CONFIG.cache);
  await Promise.all(
    [...urls].map(async (url) => {
      if (onlyMissing && (await cache.match(url, { ignoreVary: true }))) return;
      try {
        await store(url, await fetch(url, { credentials: "same-origin", redirect: "manual" }));
      } catch {
        // offline: kept for the next visit
      }
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(fill([...ASSETS, ...PAGES], false).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("portal-offline-") && key !== CONFIG.cache) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, key, keep) {
  try {
    const response = await fetch(request);
    if (keep) await store(key, response.clone());
    return response;
  } catch (error) {
    const cache = await caches.open(CONFIG.cache);
    const copy = await cache.match(key, { ignoreVary: true });
    if (copy) return copy;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && PAGES.has(url.pathname)) {
    // A filtered list is shown but not kept: offline, the plain list stands in for it.
    event.respondWith(networkFirst(request, url.pathname, !url.search));
  } else if (ASSETS.has(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname, true));
  }
});

self.addEventListener("message", (event) => {
  // "warm": a page of the signed-in user asks for the offline pages it has not yet kept.
  if (event.data === "warm") event.waitUntil(fill([...PAGES, ...ASSETS], true));
  if (event.data === "clear") event.waitUntil(caches.delete(CONFIG.cache));
});

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

self.addEventListener("sync", (event) => {
  // Sent from here, the open pages are told (they show the codes and update their queue).
  const report = (kind, detail) => tellPages({ type: "petition-queue", kind, code: detail && detail.code });
  if (event.tag === "petition-queue") event.waitUntil(PetitionQueue.drain(CONFIG.pages[0], report));
});
