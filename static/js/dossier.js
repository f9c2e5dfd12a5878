// thiduakt dossiers: several files at once, dropped or chosen, each with its own document type,
// sent one by one with a progress bar. Without this script the form posts every chosen file with
// the one type selected, and the page lists what was stored and what was refused.
(function () {
  "use strict";
  const form = document.getElementById("dossier-upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const input = form.querySelector('input[type="file"]');
  const kindSelect = form.querySelector('select[name="kind"]');
  const zone = document.getElementById("dossier-dropzone");
  const list = document.getElementById("upload-queue");
  const bar = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const template = document.getElementById("upload-row-template");
  const words = document.getElementById("upload-words").dataset;
  const missingNode = document.getElementById("dossier-missing-kinds");
  let missing = missingNode ? JSON.parse(missingNode.textContent) : [];
  const queue = [];
  let counter = 0;
  let busy = false;

  // The page's script takes over the choosing: the drop zone opens the file chooser, each file
  // gets a row with its own type.
  zone.classList.remove("d-none");
  [document.getElementById("div_id_file"), document.getElementById("div_id_kind")].forEach(function (wrap) {
    if (wrap) wrap.classList.add("d-none");
  });

  function sizeText(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  // The next types the dossier still lacks, in the award's order, skipping those already given
  // to a waiting row; then the type chosen on the form.
  function nextKind() {
    const taken = queue.filter((e) => !e.done).map((e) => e.select.value);
    const free = missing.find((code) => taken.indexOf(code) === -1);
    return free || kindSelect.value;
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      const row = template.content.firstElementChild.cloneNode(true);
      const select = row.querySelector(".upload-kind");
      const id = "upload-kind-" + ++counter;
      select.id = id;
      row.querySelector(".upload-kind-label").setAttribute("for", id);
      Array.prototype.forEach.call(kindSelect.options, (o) => select.add(new Option(o.text, o.value)));
      row.querySelector(".upload-name").textContent = file.name;
      row.querySelector(".upload-size").textContent = sizeText(file.size);
      const entry = { file: file, row: row, select: select, done: false };
      select.value = nextKind();
      row.querySelector(".upload-remove").addEventListener("click", function () {
        if (busy) return;
        queue.splice(queue.indexOf(entry), 1);
        row.remove();
        list.classList.toggle("d-none", queue.length === 0);
      });
      queue.push(entry);
      list.appendChild(row);
    });
    list.classList.toggle("d-none", queue.length === 0);
    status.textContent = "";
  }

  input.addEventListener("change", function () {
    add(input.files);
    input.value = "";
  });
  zone.addEventListener("click", () => input.click());
  zone.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      input.click();
    }
  });
  ["dragenter", "dragover"].forEach((type) =>
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("dossier-dropzone-over");
    })
  );
  ["dragleave", "drop"].forEach((type) =>
    zone.addEventListener(type, () => zone.classList.remove("dossier-dropzone-over"))
  );
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) add(event.dataTransfer.files);
  });

  function setProgress(percent) {
    const value = Math.round(percent);
    bar.setAttribute("aria-valuenow", String(value));
    bar.firstElementChild.style.width = value + "%";
  }

  function showState(entry, ok, text) {
    const state = entry.row.querySelector(".upload-state");
    state.className = "small upload-state " + (ok ? "text-success" : "text-danger");
    state.textContent = text;
  }

  function send(entry, index, total) {
    return new Promise(function (resolve) {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector('[name="csrfmiddlewaretoken"]').value);
      data.append("kind", entry.select.value);
      data.append("file", entry.file, entry.file.name);
      const xhr = new XMLHttpRequest();
      const own = entry.row.querySelector(".upload-bar");
      own.classList.remove("d-none");
      showState(entry, true, words.sending);
      xhr.upload.addEventListener("progress", function (event) {
        if (!event.lengthComputable) return;
        own.value = (event.loaded / event.total) * 100;
        setProgress(((index + event.loaded / event.total) / total) * 100);
      });
      xhr.addEventListener("load", function () {
        let answer = null;
        try {
          answer = JSON.parse(xhr.responseText);
        } catch (e) {
          answer = null;
        }
        own.value = 100;
        if (answer && answer.files && answer.files.length) {
          const result = answer.files[0];
          if (result.stored) {
            entry.done = true;
            entry.select.disabled = true;
            entry.row.querySelector(".upload-remove").remove();
            showState(entry, true, words.saved);
          } else {
            showState(entry, false, words.refused + " " + result.errors.join(" "));
          }
          if (answer.checklist_html) {
            document.getElementById("dossier-checklist").outerHTML = answer.checklist_html;
          }
          missing = answer.missing || [];
          resolve({ ok: result.stored, next: answer.next });
        } else {
          showState(entry, false, (answer && answer.refused ? answer.refused.join(" ") : words.failed));
          resolve({ ok: false });
        }
      });
      xhr.addEventListener("error", function () {
        showState(entry, false, words.failed);
        resolve({ ok: false });
      });
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.send(data);
    });
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (busy) return;
    const pending = queue.filter((e) => !e.done);
    if (!pending.length) {
      status.textContent = words.empty;
      return;
    }
    busy = true;
    bar.classList.remove("d-none");
    setProgress(0);
    let allStored = true;
    let next = null;
    for (let i = 0; i < pending.length; i++) {
      const outcome = await send(pending[i], i, pending.length);
      allStored = allStored && outcome.ok;
      next = outcome.next || next;
    }
    setProgress(100);
    busy = false;
    if (allStored && next) {
      window.location.assign(next);
    } else {
      status.textContent = words.doneSome;
    }
  });
})();
