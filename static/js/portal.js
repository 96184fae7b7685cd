// Progressive enhancement only: every page works without this file.

// After a refused submit: the error summary at the top takes the focus, so a phone shows and reads it first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// A file over the limit is refused on the phone, before minutes of uploading (the server refuses it too).
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) return;
  const tooBig = [...input.files].some((file) => file.size > Number(input.dataset.maxBytes));
  let note = input.parentElement.querySelector("[data-size-error]");
  if (tooBig) {
    input.value = "";
    if (!note) {
      note = document.createElement("div");
      note.className = "invalid-feedback d-block";
      note.dataset.sizeError = "";
      note.setAttribute("role", "alert");
      input.after(note);
    }
    note.textContent = input.dataset.tooBig;
    input.classList.add("is-invalid");
  } else if (note) {
    note.remove();
    input.classList.remove("is-invalid");
  }
});

// Offline copies of a user's pages (kept by /sw.js) go when nobody is signed in: after logging out or an
// expired login, the next person on this phone never sees them. A petition sent from the form clears its draft.
if (!document.body.hasAttribute("data-signed-in") && "caches" in window) {
  caches
    .keys()
    .then((keys) => keys.filter((key) => key.startsWith("portal-offline-")).forEach((key) => caches.delete(key)))
    .catch(() => {});
}
if (document.querySelector('[data-event~="petition-sent"]')) {
  for (const key of Object.keys(localStorage)) if (key.startsWith("petition-draft:")) localStorage.removeItem(key);
  localStorage.setItem("petition-draft-sent", "1");
}
