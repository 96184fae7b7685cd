// The branch leader's petition form and list without signal (progressive enhancement; the pages work without
// it): registers the service worker, keeps what is typed (a draft, restored after a reload), queues a petition
// submitted offline (offline-queue.js) and sends the queue when the signal returns. Texts come from the page.
"use strict";
(() => {
  const box = document.getElementById("petition-queue");
  if (!box || !("indexedDB" in window)) return;
  const text = box.dataset;
  const owner = text.owner;
  const status = document.getElementById("petition-queue-status");
  const form = document.querySelector("form[data-offline-form]");
  const draftKey = `petition-draft:${owner}`;
  const SKIP = new Set(["csrfmiddlewaretoken", "client_key", "version"]);

  function say(message, html) {
    if (!status) return;
    status.textContent = message;
    if (html) status.append(" ", html);
    status.hidden = !message;
  }

  // A different person on this phone: forget the pages kept for the last one (the queue keeps its owner).
  if (localStorage.getItem("portal-offline-owner") !== owner) {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith("petition-draft:")) localStorage.removeItem(key);
    }
    if ("caches" in window) {
      caches.keys().then((keys) => keys.filter((k) => k.startsWith("portal-offline-")).forEach((k) => caches.delete(k)));
    }
    localStorage.setItem("portal-offline-owner", owner);
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active && registration.active.postMessage("warm"))
      .catch(() => {});
  }

  // --- the visible queue ---------------------------------------------------------------------------
  async function render() {
    const items = await PetitionQueue.list(owner);
    const count = box.querySelector("[data-queue-count]");
    const list = box.querySelector("[data-queue-items]");
    box.hidden = items.length === 0;
    count.textContent = text.textCount.replace("{n}", items.length);
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        const files = item.fields.filter((field) => field[2] !== undefined).length;
        li.textContent = item.title + (files ? ` (${text.textAttachment})` : "");
        if (item.error) {
          const error = document.createElement("strong");
          error.className = "d-block text-danger";
          error.textContent = text.textRefused.replace("{message}", item.error === "413" ? text.textTooBig : item.error);
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn btn-link btn-sm p-0";
          remove.textContent = text.textRemove;
          remove.addEventListener("click", () => PetitionQueue.remove(item.key).then(render));
          li.append(error, remove);
        }
        return li;
      }),
    );
    return items;
  }

  // A signal that comes and goes: after a failed try, again in 5 s, 10 s, … up to a minute.
  let draining = false;
  let retry = null;
  let delay = 5000;
  function later() {
    clearTimeout(retry);
    retry = setTimeout(drain, delay);
    delay = Math.min(delay * 2, 60000);
  }

  async function drain() {
    if (draining || !navigator.onLine) return;
    draining = true;
    const sent = [];
    try {
      if (!(await PetitionQueue.list(owner)).length) return;
      say(text.textSending);
      await PetitionQueue.drain(text.formUrl, (event, detail) => {
        if (event === "sent") sent.push(detail.code);
        if (event === "login") {
          const link = document.createElement("a");
          link.href = `${text.loginUrl}?next=${encodeURIComponent(location.pathname)}`;
          link.textContent = text.textLoginLink;
          say(text.textLogin, link);
        } else if (event === "stopped") {
          say(text.textStopped);
          later();
        } else if (event === "done") {
          delay = 5000;
          if (sent.length) say(text.textSent.replace("{codes}", sent.join(", ")));
        }
        render();
      });
    } finally {
      draining = false;
      render();
    }
  }

  // Background Sync may send the queue from the worker; it tells this page what went out.
  const sentByWorker = [];
  navigator.serviceWorker?.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type !== "petition-queue") return;
    if (data.kind === "sent") {
      sentByWorker.push(data.code);
      say(text.textSent.replace("{codes}", sentByWorker.join(", ")));
    }
    render();
  });

  box.querySelector("[data-queue-send]").addEventListener("click", drain);
  window.addEventListener("online", drain);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && drain());

  // --- the form: draft, kept file, offline submit -------------------------------------------------------
  if (form) {
    const fileInput = form.querySelector("input[type=file]");

    function saveDraft() {
      const values = [];
      for (const [name, value] of new FormData(form)) {
        if (!SKIP.has(name) && typeof value === "string") values.push([name, value]);
      }
      localStorage.setItem(draftKey, JSON.stringify(values));
    }

    function restoreDraft() {
      let values;
      try {
        values = JSON.parse(localStorage.getItem(draftKey) || "null");
      } catch {
        values = null;
      }
      if (!values) return false;
      const byName = new Map();
      for (const [name, value] of values) byName.set(name, [...(byName.get(name) || []), value]);
      for (const element of form.elements) {
        if (!element.name || SKIP.has(element.name) || element.type === "file") continue;
        const chosen = byName.get(element.name) || [];
        if (element.type === "checkbox" || element.type === "radio") element.checked = chosen.includes(element.value);
        else if (element.multiple) for (const option of element.options) option.selected = chosen.includes(option.value);
        else if (chosen.length) element.value = chosen[0];
      }
      return true;
    }

    function clearDraft() {
      localStorage.removeItem(draftKey);
      return PetitionQueue.keepFile(owner, null);
    }

    async function restoreFile() {
      const file = await PetitionQueue.keptFile(owner);
      if (!file || !fileInput || fileInput.files.length) return;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      fileInput.files = transfer.files;
      const note = document.createElement("div");
      note.className = "form-text";
      note.dataset.keptFile = "";
      note.textContent = text.textKeptFile.replace("{name}", file.name);
      fileInput.after(note);
    }

    // An online submit that succeeded said so on the next page (portal.js left this flag).
    if (localStorage.getItem("petition-draft-sent")) {
      localStorage.removeItem("petition-draft-sent");
      clearDraft();
    } else {
      // After a refused submit the server shows what was sent; only the file needs bringing back.
      if (!form.hasAttribute("data-bound") && restoreDraft()) say(text.textDraft);
      restoreFile();
    }
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", (event) => {
      saveDraft();
      if (event.target === fileInput) {
        const file = fileInput.files[0];
        const fits = file && file.size <= Number(fileInput.dataset.maxBytes || Infinity);
        PetitionQueue.keepFile(owner, fits ? file : null);
      }
    });

    form.addEventListener("submit", async (event) => {
      if (navigator.onLine) return; // the server answers; a refused submit keeps the draft and the file
      event.preventDefault();
      if (!form.checkValidity()) {
        form.reportValidity();
        return;
      }
      const fields = [];
      for (const [name, value] of new FormData(form)) {
        if (SKIP.has(name)) continue;
        if (typeof value === "string") fields.push([name, value]);
        else if (value.size) {
          if (value.size > Number(fileInput.dataset.maxBytes || Infinity)) return; // portal.js said why
          fields.push([name, value, value.name]);
        }
      }
      const title = form.elements.title ? form.elements.title.value : "";
      await PetitionQueue.add({ key: PetitionQueue.newKey(), owner, created: Date.now(), title, fields });
      await clearDraft();
      form.reset();
      for (const note of form.querySelectorAll("[data-kept-file]")) note.remove();
      say(text.textSaved);
      await render();
      box.scrollIntoView({ block: "start" });
      navigator.serviceWorker?.ready
        .then((registration) => registration.sync && registration.sync.register("petition-queue"))
        .catch(() => {});
    });
  }

  render().then(drain);
})();
