// thiduakt: behaviour that Bootstrap and htmx do not cover.
document.addEventListener("submit", function (event) {
  // Guard against a form sent twice by a double click: disable its submit buttons once sent.
  const form = event.target;
  if (form.dataset.allowResubmit !== undefined) return;
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
document.addEventListener("change", function (event) {
  // A select marked data-autosubmit sends its form (language switch, filters).
  if (event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
});
