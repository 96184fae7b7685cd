// Petitions typed without signal wait here (IndexedDB, on the phone) until they can be sent; loaded by the
// offline pages (offline.js) and by the service worker (Background Sync). Each petition carries its own key
// (a UUID made on the phone), so sending it twice never makes a second petition: the server returns the first.
"use strict";
// eslint-disable-next-line no-unused-vars
const PetitionQueue = (() => {
  const DB_NAME = "portal-offline";
  const QUEUE = "petitions";
  const FILES = "draft-files";

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(QUEUE, { keyPath: "key" });
        request.result.createObjectStore(FILES);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function run(store, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = work(transaction.objectStore(store));
      transaction.oncomplete = () => {
        db.close();
        resolve(request && request.result);
      };
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  const add = (item) => run(QUEUE, "readwrite", (store) => store.put(item));
  const remove = (key) => run(QUEUE, "readwrite", (store) => store.delete(key));
  const all = () => run(QUEUE, "readonly", (store) => store.getAll());
  const list = async (owner) =>
    ((await all()) || []).filter((item) => item.owner === owner).sort((a, b) => a.created - b.created);
  // The file chosen on the form, kept until the petition is sent (it survives a reload and a refused submit).
  const keepFile = (owner, file) =>
    run(FILES, "readwrite", (store) => (file ? store.put(file, owner) : store.delete(owner)));
  const keptFile = (owner) => run(FILES, "readonly", (store) => store.get(owner));

  async function fresh(formUrl) {
    // The form page tells whether the login still holds, whose it is, and a current CSRF token.
    const response = await fetch(formUrl, { credentials: "same-origin", redirect: "manual" });
    if (response.type === "opaqueredirect" || response.status !== 200) return null;
    const html = await response.text();
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
    const owner = /data-owner="([^"]+)"/.exec(html);
    return token && owner ? { token: token[1], owner: owner[1] } : null;
  }

  async function send(formUrl, item, token) {
    const body = new FormData();
    for (const [name, value, filename] of item.fields) {
      if (filename !== undefined) body.append(name, value, filename);
      else body.append(name, value);
    }
    body.append("client_key", item.key);
    body.append("csrfmiddlewaretoken", token);
    return fetch(formUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Petition-Queue": "1" },
    });
  }

  // Sends the signed-in user's waiting petitions, oldest first; report(event, detail) tells the page.
  // Events: "login" (sign in again; the queue is kept), "sent", "refused", "stopped" (try later), "done".
  async function drainOnce(formUrl, report) {
    let session;
    try {
      session = await fresh(formUrl);
    } catch {
      return report("stopped");
    }
    if (!session) return report("login");
    for (const item of await list(session.owner)) {
      if (item.error) continue; // refused before: waits for the user to fix or remove it
      let response;
      try {
        response = await send(formUrl, item, session.token);
      } catch {
        return report("stopped");
      }
      if (response.type === "opaqueredirect") return report("login");
      if (response.status === 200 || response.status === 201) {
        await remove(item.key);
        report("sent", await response.json());
      } else if (response.status === 400 || response.status === 413) {
        const data = response.status === 400 ? await response.json() : { message: "" };
        item.error = data.message || String(response.status);
        await add(item);
        report("refused", item);
      } else {
        return report("stopped");
      }
    }
    return report("done");
  }

  function drain(formUrl, report) {
    // One sender at a time across tabs and the worker; the keys make a race harmless anyway.
    if (self.navigator && navigator.locks) {
      return navigator.locks.request("petition-queue", () => drainOnce(formUrl, report));
    }
    return drainOnce(formUrl, report);
  }

  return { add, remove, list, keepFile, keptFile, drain, newKey };
})();
