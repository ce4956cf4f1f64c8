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

  // Keyboard: j / k — next / previous finding, Enter — show it on its page, c — its comment box.
  const findings = Array.from(document.querySelectorAll("#findings article.finding"));
  let at = -1;
  function go(i) {
    if (!findings.length) return;
    at = Math.max(0, Math.min(findings.length - 1, i));
    findings.forEach((f, n) => f.classList.toggle("current", n === at));
    findings[at].focus({ preventScroll: true });
    findings[at].scrollIntoView({ block: "nearest" });
    document.body.dataset.finding = findings[at].dataset.key;
  }
  findings.forEach((f, n) => {
    f.tabIndex = 0;
    f.addEventListener("focus", () => { if (at !== n) go(n); });
  });
  document.addEventListener("keydown", (ev) => {
    const tag = ev.target && ev.target.tagName;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ["INPUT", "SELECT", "TEXTAREA"].includes(tag)) return;
    if (ev.key === "j") { ev.preventDefault(); go(at + 1); }
    else if (ev.key === "k") { ev.preventDefault(); go(at - 1); }
    else if (ev.key === "Enter" && at >= 0 && ev.target === findings[at]) {
      const link = findings[at].querySelector("a.show-page");
      if (link) { ev.preventDefault(); link.click(); }
    } else if (ev.key === "c" && at >= 0) {
      const box = findings[at].querySelector("input[name=comment]");
      if (box) { ev.preventDefault(); box.focus(); }
    }
  });
})();
