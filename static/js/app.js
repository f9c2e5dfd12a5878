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
// A document's heading form (units.forms.DocumentHeadingFormMixin): choosing one of the agency's
// signers fills the signer fields from the option; typing in one of them goes back to "typed".
const SIGNER_FIELDS = ["signer_prefix", "signer_prefix_title", "signer_position", "signer_name"];
document.addEventListener("change", function (event) {
  const select = event.target;
  if (!select.matches("select[data-agency-signer]")) return;
  const option = select.options[select.selectedIndex];
  if (!option || !option.value) return;
  SIGNER_FIELDS.forEach(function (name) {
    const field = select.form.elements.namedItem(name);
    if (field) field.value = option.dataset[name.replace(/_([a-z])/g, function (_m, c) { return c.toUpperCase(); })] || "";
  });
});
document.addEventListener("input", function (event) {
  const field = event.target;
  if (!field.form || SIGNER_FIELDS.indexOf(field.name) < 0) return;
  const select = field.form.querySelector("select[data-agency-signer]");
  if (select) select.value = "";
});
// A formset's "add a row" button (data-formset-add="<prefix>"): the row is added in the page from
// the formset's <template data-formset-template> ("__prefix__" the form's index, "__row__" its
// number); without JavaScript the button posts the form and the server gives one more row.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const template = document.querySelector('template[data-formset-template="' + prefix + '"]');
  const rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
  if (!total || !template || !rows) return;
  event.preventDefault();
  const index = parseInt(total.value, 10);
  const html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__row__/g, String(index + 1));
  rows.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const row = rows.lastElementChild;
  if (row) {
    searchableSelects(row);
    const first = row.querySelector("textarea, input:not([type=hidden]), select");
    if (first) first.focus();
  }
});
// Long lists (units, staff) in a form get a box that filters their options as one types, without
// accents ("bien hoa" finds "Biên Hòa"); Enter picks the first match. The select itself is kept,
// so the form posts as without JavaScript. data-searchable="off" keeps a select as it is.
const SEARCHABLE_MIN_OPTIONS = 15;
function foldText(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}
function searchableSelects(root) {
  const english = (document.documentElement.lang || "").indexOf("en") === 0;
  root.querySelectorAll("form[method=post] select:not([multiple]), select[data-searchable]").forEach(function (select) {
    if (select.dataset.searchable === "off" || select.dataset.searchReady || select.closest("template")) return;
    if (select.options.length < SEARCHABLE_MIN_OPTIONS && select.dataset.searchable === undefined) return;
    select.dataset.searchReady = "1";
    const label = select.labels && select.labels.length ? select.labels[0].textContent.replace(/\*/g, "").trim() : "";
    const input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 select-filter";
    input.placeholder = english ? "Type to filter the list" : "Gõ để lọc danh sách";
    // Named apart from the field (its label stays the select's own); the field is its description.
    input.setAttribute("aria-label", english ? "Filter the list" : "Lọc danh sách");
    input.title = (english ? "Filter the list: " : "Lọc danh sách: ") + label;
    if (select.id) { input.id = select.id + "_filter"; input.setAttribute("aria-controls", select.id); }
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      const query = foldText(input.value.trim());
      Array.from(select.options).forEach(function (option) {
        option.hidden = Boolean(query) && Boolean(option.value) && !option.selected && foldText(option.text).indexOf(query) < 0;
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const query = foldText(input.value.trim());
      const match = Array.from(select.options).find(function (option) {
        return option.value && foldText(option.text).indexOf(query) >= 0;
      });
      if (match) {
        select.value = match.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        select.focus();
      }
    });
  });
}
searchableSelects(document);
document.addEventListener("htmx:load", function (event) { searchableSelects(event.detail.elt); });
// A ballot just cast (templates/council/vote.html): "Hoàn tác phiếu" counts its seconds down and
// goes away when they run out. Without JavaScript the card states the time and the server decides.
document.querySelectorAll("form[data-undo-until]").forEach(function (form) {
  const until = Date.parse(form.dataset.undoUntil);
  const text = form.querySelector("[data-undo-text]");
  const tick = function () {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) { form.remove(); return; }
    text.textContent = form.dataset.undoLeft.replace("{n}", left);
    window.setTimeout(tick, 250);
  };
  tick();
});
// Bulk actions on a list (units.bulk): the header's checkbox selects every row of the page.
document.addEventListener("change", function (event) {
  const all = event.target;
  if (!all.matches("input[data-select-all]")) return;
  document.querySelectorAll('input[type=checkbox][form="' + all.dataset.selectAll + '"][name=ids]').forEach(function (box) {
    box.checked = all.checked;
  });
});
document.querySelectorAll("input[data-select-all]").forEach(function (all) { all.hidden = false; });
