// The person page folds forms used now and then; a link or a saved form's redirect to one of them
// (#facts, #edit, ...) opens it, so the coordinator lands on the form, not on a closed heading.
(function () {
  function openTarget() {
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var d = el; d; d = d.parentElement) {
      if (d.tagName === "DETAILS") d.open = true;
    }
    if (el) el.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
