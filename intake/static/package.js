// Package page: live progress while the package is read; adding a forgotten document; withdrawal.
"use strict";

(function () {
  const STATUS = { queued: t("в очереди"), processing: t("читается"), done: t("проверен"), failed: t("ошибка") };
  const STAGE = { files: t("разбор файлов"), pages: t("чтение страниц") };
  const box = document.getElementById("progress-box");
  if (box) {
    const id = box.dataset.package;
    const tick = async () => {
      const r = await intake.api("GET", "/packages/" + encodeURIComponent(id));
      if (!r.ok) return setTimeout(tick, 2000);
      const p = r.data;
      document.getElementById("status").textContent = STATUS[p.status] || p.status;
      document.getElementById("status").className = "status s-" + p.status;
      document.getElementById("stage").textContent = STAGE[p.stage] || p.stage || "";
      const bar = document.getElementById("bar");
      bar.max = Math.max(p.progress.pages_total, 1);
      bar.value = p.progress.pages_done;
      document.getElementById("done").textContent = p.progress.pages_done;
      document.getElementById("total").textContent = p.progress.pages_total || "…";
      if (p.status === "done" || p.status === "failed") {
        window.location.reload();
        return;
      }
      setTimeout(tick, 1000);
    };
    setTimeout(tick, 500);
  }

  const form = document.getElementById("add-files");
  if (form) {
    const picker = form.elements.namedItem("files");
    picker.addEventListener("change", () => {
      const names = Array.from(picker.files).map((f) => f.name);
      form.querySelector(".picked").textContent = names.length ? names.join(", ") : t("файл не выбран");
    });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const alert = form.querySelector(".alert");
      const input = form.elements.namedItem("files");
      if (!input.files.length) { intake.show(alert, t("Выберите файл.")); return; }
      const data = new FormData();
      Array.from(input.files).forEach((f) => data.append("files", f, f.name));
      const button = form.querySelector("button");
      button.disabled = true;
      const r = await intake.api("POST", "/packages/" + encodeURIComponent(form.dataset.package) + "/files", data);
      if (r.ok) { window.location.reload(); return; }
      button.disabled = false;
      intake.show(alert, intake.message(r));
    });
  }

  // Withdrawal by the applicant: asked to confirm (the text comes from the page), then deleted.
  const withdraw = document.getElementById("withdraw");
  if (withdraw) {
    withdraw.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (!window.confirm(withdraw.dataset.confirm)) return;
      const button = withdraw.querySelector("button");
      button.disabled = true;
      const r = await intake.api("POST", "/packages/" + encodeURIComponent(withdraw.dataset.package) + "/withdraw");
      if (r.ok) { window.location.assign("/app/packages"); return; }
      button.disabled = false;
      intake.show(withdraw.querySelector(".alert"), intake.message(r));
    });
  }
})();
