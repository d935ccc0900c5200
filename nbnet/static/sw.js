// The offline worker (README, "Save for offline"), served at /sw.js with VERSION filled in
// (nbnet/offline.py): a new version moves what was kept into its cache and deletes the old.
// Network first; only when it fails, a page the reader kept, else the offline page in the
// URL's language. Only what is kept is stored: fetched without cookies, never when private
// or when it carries a form's CSRF token.
const VERSION = "__VERSION__";
const PREFIX = "nbnet-offline-";
const CACHE = PREFIX + VERSION;
const SAVED = "x-kept-on"; // on a kept page: when (ISO); what has no such header is an asset
const ASSETS = "x-kept-assets"; // on a kept page: the styles, scripts and images it needs
const OFFLINE = "x-offline-page"; // the offline page of a language (kept, not listed)
const ASSET = /(?:href|src)="([^"]+\.(?:css|js|svg|png|ico|jpe?g|gif|webp|avif|woff2?))"/g;
const HEADERS = ["content-type", "content-language", "content-security-policy", "x-content-type-options"];
const here = (url) => new URL(url, location.href).origin === location.origin;
const personal = (response) => /private|no-store/.test(response.headers.get("cache-control") || "");

async function keep(cache, path, offline) {
  const url = new URL(path, location.href).href;
  if (!here(url)) throw new Error(url);
  const response = await fetch(url, { credentials: "omit", cache: "no-cache" });
  const text = await response.text();
  if (
    !response.ok ||
    personal(response) ||
    !(response.headers.get("content-type") || "").startsWith("text/html") ||
    text.includes("csrfmiddlewaretoken")
  )
    throw new Error(url);
  const assets = [
    ...new Set([...text.matchAll(ASSET)].map((m) => new URL(m[1].replace(/&amp;/g, "&"), url).href)),
  ].filter(here);
  await Promise.all(
    assets.map(async (asset) => {
      const got = await fetch(asset, { credentials: "omit" });
      if (got.ok && !personal(got)) await cache.put(asset, got);
    }),
  );
  const headers = new Headers();
  for (const name of HEADERS) if (response.headers.has(name)) headers.set(name, response.headers.get(name));
  headers.set(SAVED, new Date().toISOString());
  headers.set(ASSETS, assets.join(" "));
  if (offline) headers.set(OFFLINE, "1");
  // Marked, so that the page can tell the copy from the page on the network.
  await cache.put(url, new Response(text.replace(/<html\b/, "<html data-kept-copy"), { headers }));
}

// Whatever no kept page needs any more (an old style sheet, a forgotten page's image).
async function prune(cache) {
  const needed = new Set();
  const requests = await cache.keys();
  for (const request of requests) {
    const headers = (await cache.match(request)).headers;
    if (headers.has(SAVED)) [request.url, ...(headers.get(ASSETS) || "").split(" ")].forEach((u) => needed.add(u));
  }
  await Promise.all(requests.filter((r) => !needed.has(r.url)).map((r) => cache.delete(r)));
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const name of await caches.keys()) {
        if (!name.startsWith(PREFIX) || name === CACHE) continue;
        // Kept again from the network; the old copy (and what it needs) when that fails.
        const old = await caches.open(name);
        for (const request of await old.keys()) {
          const response = await old.match(request);
          const headers = response.headers;
          if (!headers.has(SAVED)) continue;
          await keep(cache, request.url, headers.has(OFFLINE)).catch(async () => {
            for (const asset of (headers.get(ASSETS) || "").split(" ").filter(Boolean)) {
              const copy = await old.match(asset);
              if (copy) await cache.put(asset, copy);
            }
            await cache.put(request, response);
          });
        }
        await caches.delete(name);
      }
      await prune(cache);
      await self.clients.claim();
    })(),
  );
});

// From the page (nbnet/static/js/offline.js): {keep: [urls], offline: url} or {forget: [urls]};
// the answer, on the port given, says whether all of it went well.
self.addEventListener("message", (event) => {
  const { keep: urls = [], forget = [], offline } = event.data || {};
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const jobs = urls.map((url) => keep(cache, url));
      if (offline) jobs.push(keep(cache, offline, true));
      for (const url of forget) jobs.push(cache.delete(new URL(url, location.href).href));
      const results = await Promise.allSettled(jobs);
      await prune(cache);
      if (port) port.postMessage(results.every((r) => r.status === "fulfilled"));
    })(),
  );
});

async function fallback(url) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(url.href, { ignoreVary: true });
  if (kept && !kept.headers.has(OFFLINE)) return kept;
  let page;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response.headers.has(OFFLINE)) continue;
    page = page || response; // the reader's language if kept, else any
    if (new URL(request.url).pathname.split("/")[1] === url.pathname.split("/")[1]) return response;
  }
  return page || new Response("Offline", { status: 503, headers: { "content-type": "text/plain" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => fallback(url)));
  } else if (["style", "script", "image", "font"].includes(request.destination)) {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(request, { ignoreVary: true })) || Response.error()),
    );
  }
});
