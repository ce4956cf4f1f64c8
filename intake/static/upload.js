// Upload page: files by drag-and-drop or picker (checked one by one), BIN checked while typed.
"use strict";

(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const maxFileMb = Number(form.dataset.maxFileMb);
  const maxArchiveMb = Number(form.dataset.maxArchiveMb);
  const maxFiles = Number(form.dataset.maxFiles);
  const list = document.getElementById("file-list");
  const drop = document.getElementById("drop");
  const picker = document.getElementById("files");
  const binInput = form.elements.namedItem("applicant_bin");
  const binNote = document.getElementById("bin-note");
  const formError = document.getElementById("form-error");
  const entries = []; // {file, error}

  function kindOf(bytes) {
    const b = new Uint8Array(bytes);
    const starts = (...sig) => sig.every((v, i) => b[i] === v);
    if (starts(0x25, 0x50, 0x44, 0x46)) return "PDF";
    if (starts(0xff, 0xd8, 0xff)) return "JPEG";
    if (starts(0x89, 0x50, 0x4e, 0x47)) return "PNG";
    if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return "TIFF";
    if (starts(0x50, 0x4b, 0x03, 0x04)) return "ZIP";
    return null;
  }

  async function check(file) {
    if (file.size === 0) return { kind: null, error: t("Файл пустой.") };
    const kind = kindOf(await file.slice(0, 8).arrayBuffer());
    if (!kind) return { kind: null, error: t("Не PDF, JPEG, PNG, TIFF или ZIP: такой файл не будет прочитан.") };
    // an archive (told by its first bytes, as the service does) has its own, larger limit
    const mb = kind === "ZIP" ? maxArchiveMb : maxFileMb;
    if (file.size > mb * 1024 * 1024) return { kind: null, error: t("Больше %(mb)s МБ.", { mb }) };
    return { kind, error: "" };
  }

  function render() {
    list.replaceChildren();
    entries.forEach((e, i) => {
      const li = document.createElement("li");
      li.className = e.error ? "file bad-file" : "file";
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = e.file.name;
      const info = document.createElement("span");
      info.className = e.error ? "file-error" : "note";
      info.textContent = e.error || e.kind + ", " + t("%(kb)s КБ", { kb: (e.file.size / 1024).toFixed(1) });
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "link";
      remove.textContent = t("убрать");
      remove.addEventListener("click", () => { entries.splice(i, 1); render(); });
      li.append(name, " ", info, " ", remove);
      list.append(li);
    });
  }

  async function add(files) {
    for (const file of files) {
      if (entries.length >= maxFiles) {
        intake.show(formError, t("Не более %(n)s файлов в пакете.", { n: maxFiles }));
        break;
      }
      const res = await check(file);
      entries.push({ file, kind: res.kind, error: res.error });
    }
    render();
  }

  picker.addEventListener("change", () => { add(Array.from(picker.files)); picker.value = ""; });
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (ev) => {
    ev.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    add(Array.from(ev.dataTransfer.files));
  });

  function checkBin() {
    const problem = binCheck.problem(binInput.value);
    const empty = binInput.value.trim() === "";
    binNote.textContent = empty ? t("12 цифр; последняя — контрольная.") : (problem || t("БИН/ИИН верный."));
    binInput.classList.toggle("invalid", !empty && problem !== "");
    binInput.classList.toggle("valid", !empty && problem === "");
    binInput.setAttribute("aria-invalid", String(!empty && problem !== ""));
    return problem;
  }
  binInput.addEventListener("input", checkBin);
  // The full Russian name of the chosen cost type (a phone's select shows only its beginning).
  const cost = form.elements.namedItem("cost_type");
  cost.addEventListener("change", () => {
    document.getElementById("cost-note").textContent = cost.value ? cost.selectedOptions[0].textContent : "";
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    intake.show(formError, "");
    const problems = [];
    if (!form.elements.namedItem("cost_type").value) problems.push(t("Выберите вид затрат."));
    if (!form.elements.namedItem("application_date").value) problems.push(t("Укажите дату заявки."));
    const binProblem = checkBin();
    if (binProblem) problems.push(t("БИН/ИИН:") + " " + binProblem);
    const good = entries.filter((e) => !e.error);
    if (!good.length) problems.push(t("Приложите хотя бы один файл PDF, JPEG, PNG, TIFF или ZIP."));
    if (problems.length) { intake.show(formError, problems.join(" ")); return; }
    const data = new FormData();
    data.append("cost_type", form.elements.namedItem("cost_type").value);
    data.append("application_date", form.elements.namedItem("application_date").value);
    data.append("applicant_bin", binInput.value.replace(/\s+/g, ""));
    good.forEach((e) => data.append("files", e.file, e.file.name));
    const button = document.getElementById("send");
    button.disabled = true;
    button.textContent = t("Загрузка…");
    const result = await intake.api("POST", "/packages", data);
    if (result.status === 201) {
      window.location.assign("/app/packages/" + encodeURIComponent(result.data.id));
      return;
    }
    button.disabled = false;
    button.textContent = t("Отправить на проверку");
    intake.show(formError, intake.message(result));
  });
})();
