// Polls an export job's status and reloads the page when it is done; without JS a <noscript> refresh does it.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box || box.dataset.finished === "1") { return; }
  var noscriptRefresh = 0;
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        var bar = box.querySelector("[data-job-bar]");
        if (bar) { bar.value = job.progress; bar.textContent = job.progress + "%"; }
        var percent = box.querySelector("[data-job-percent]");
        if (percent) { percent.textContent = job.progress; }
        var rows = box.querySelector("[data-job-rows]");
        if (rows) { rows.textContent = job.rows; }
        var status = box.querySelector("[data-job-status]");
        if (status) { status.textContent = job.status_label; }
        if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { noscriptRefresh += 1; if (noscriptRefresh < 20) { window.setTimeout(poll, 5000); } });
  }
  window.setTimeout(poll, 1000);
})();
