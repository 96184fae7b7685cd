// Agenda reordering without a page reload. Without JavaScript (or fetch) the ↑/↓ buttons post a form.
(function () {
  "use strict";
  var list = document.querySelector(".agenda-list[data-reorder-url]");
  if (!list || !window.fetch) { return; }
  var status = document.querySelector(".agenda-status");

  function order() {
    return Array.prototype.map.call(list.querySelectorAll("li[data-item]"), function (li) {
      return parseInt(li.getAttribute("data-item"), 10);
    });
  }

  list.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("agenda-move")) { return; }
    event.preventDefault();
    var item = form.closest("li[data-item]");
    var up = form.getAttribute("data-direction") === "up";
    var sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) { return; }
    var button = form.querySelector("button");
    if (up) { list.insertBefore(item, sibling); } else { list.insertBefore(sibling, item); }
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    fetch(list.getAttribute("data-reorder-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ order: order() })
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      if (status) { status.textContent = list.getAttribute("data-saved") || ""; }
      button.focus();
    }).catch(function () {
      form.submit(); // the server decides; the page reloads with its message
    });
  });
}());
