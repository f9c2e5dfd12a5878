// thiduakt plans: add a blank row to a Django formset (tasks, targets) without a round trip.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const template = document.querySelector('template[data-formset-template="' + prefix + '"]');
  const rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
  if (!total || !template || !rows) return;
  const index = parseInt(total.value, 10);
  const html = template.innerHTML.replace(/__prefix__/g, String(index));
  rows.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const first = rows.lastElementChild && rows.lastElementChild.querySelector("textarea, input:not([type=hidden]), select");
  if (first) first.focus();
});
