// Officer's review page: every correction, resolution and decision goes to the JSON API; the page
// then reloads to show the rebuilt report and the audit trail.
"use strict";

(function () {
  document.querySelectorAll("form.api-form").forEach((form) => {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const alert = form.querySelector(".alert");
      intake.show(alert, "");
      const body = {};
      new FormData(form).forEach((v, k) => { body[k] = typeof v === "string" ? v.trim() : v; });
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      const r = await intake.api(form.dataset.method, form.dataset.url, body);
      if (r.ok) {
        sessionStorage.setItem("intake.scroll", String(window.scrollY));
        window.location.reload();
        return;
      }
      button.disabled = false;
      intake.show(alert, intake.message(r));
    });
  });
  const y = sessionStorage.getItem("intake.scroll");
  if (y !== null) {
    sessionStorage.removeItem("intake.scroll");
    window.scrollTo(0, Number(y));
  }
})();
