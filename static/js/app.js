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
// The person's search box of the nomination form (templates/awards/includes/person_search.html):
// htmx lists the matches; choosing one puts it into the form's field, whose change loads the
// person's initiatives. Enter in the box searches instead of saving the form, and "Tìm" searches
// through htmx rather than posting the form (as it does without JavaScript).
document.querySelectorAll("[data-person-search-button]").forEach(function (button) { button.type = "button"; });
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !event.target.matches("[data-person-search]")) return;
  event.preventDefault();
  window.htmx.trigger(event.target, "search");
});
document.addEventListener("click", function (event) {
  const choice = event.target.closest("[data-person-choice]");
  if (!choice) return;
  const picker = choice.closest("[data-person-picker]");
  const select = picker.querySelector("select");
  let option = Array.from(select.options).find(function (o) { return o.value === choice.value; });
  if (!option) {
    option = new Option(choice.dataset.label, choice.value);
    select.add(option);
  }
  select.value = choice.value;
  picker.querySelector("[data-person-results]").replaceChildren();
  select.dispatchEvent(new Event("change", { bubbles: true }));
  select.focus();
});
