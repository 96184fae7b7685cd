// Answer forms (portal and admin): choosing a template copies its text, blanks already filled by the server,
// into the answer. The texts ride on the select as JSON; the form works without this file.
document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-answer-templates]")) {
    const text = document.getElementById(select.dataset.answerTarget);
    if (!text) continue;
    let texts = {};
    try {
      texts = JSON.parse(select.dataset.answerTemplates || "{}");
    } catch {
      continue;
    }
    select.addEventListener("change", () => {
      const chosen = texts[select.value];
      if (chosen !== undefined && (!text.value.trim() || window.confirm(select.dataset.confirm || "OK?"))) {
        text.value = chosen;
      }
    });
  }
});
