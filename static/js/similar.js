// Petition form: while the title and content are typed, ask the server which petitions already raised look
// the same, and show its HTML fragment. Debounced; the form works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-similar-url]");
  if (!box) return;
  const fields = ["id_title", "id_content"].map((id) => document.getElementById(id)).filter(Boolean);
  let timer = null;
  let last = "";
  let controller = null;
  const look = () => {
    const text = fields.map((field) => field.value).join(" ").trim();
    if (text === last) return;
    last = text;
    if (text.length < 12) {
      box.replaceChildren();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const url = `${box.dataset.similarUrl}?q=${encodeURIComponent(text.slice(0, 2000))}`;
    fetch(url, { credentials: "same-origin", signal: controller.signal, headers: { Accept: "text/html" } })
      .then((response) => (response.ok ? response.text() : ""))
      .then((html) => {
        box.innerHTML = html; // rendered and escaped by the server
      })
      .catch(() => {}); // offline or aborted: no suggestions, nothing else changes
  };
  for (const field of fields) {
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(look, 600);
    });
  }
});
