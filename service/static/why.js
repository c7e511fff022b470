// Fills the "未推送原因" column of the people list after the page has loaded (the matcher is slower
// than the page). Without JavaScript the page offers a link that renders the reasons inline.
(function () {
  var cells = document.querySelectorAll("td[data-why]");
  if (!cells.length) return;
  var ids = Array.prototype.map.call(cells, function (td) { return td.getAttribute("data-why"); });
  fetch("/console/people/why?ids=" + ids.join(","), { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (found) {
      cells.forEach(function (td) {
        var w = found[td.getAttribute("data-why")];
        td.textContent = "";
        if (!w) return;
        var span = document.createElement("span");
        span.textContent = w.text;
        if (w.kind === "none") span.className = "overdue";
        td.appendChild(span);
      });
    })
    .catch(function () {
      cells.forEach(function (td) { td.textContent = "暂时查不到原因，请刷新重试"; });
    });
})();
