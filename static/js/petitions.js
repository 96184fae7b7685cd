// Answer form: choosing a template copies its text into the answer (the form works without this file).
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[data-answer-templates]");
  const text = document.querySelector("textarea[name=text]");
  if (!select || !text) return;
  select.addEventListener("change", () => {
    const source = document.getElementById(`answer-template-${select.value}`);
    if (source && (!text.value.trim() || window.confirm(select.dataset.confirm || "OK?"))) {
      text.value = source.content.textContent;
    }
  });
});
