// Shared helpers of the pages: calls to the JSON API (the session cookie authenticates them).
"use strict";

// The page's messages in its language: {Russian text: translation}, sent with the page (base.html).
const MESSAGES = (() => {
  try { return JSON.parse(document.body.dataset.messages || "{}"); } catch (_) { return {}; }
})();

// A message in the page's language; `%(name)s` replaced from `args`.
window.t = function (message, args) {
  const text = MESSAGES[message] || message;
  return text.replace(/%\((\w+)\)s/g, (_, name) => (args && name in args ? String(args[name]) : ""));
};

window.intake = {
  async api(method, url, body) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const resp = await fetch(url, init);
    let data = null;
    try { data = await resp.json(); } catch (_) { data = null; }
    return { ok: resp.ok, status: resp.status, data };
  },

  // A person-readable message from an API error body ({code, detail[, errors]}).
  message(result) {
    const errors = result.data && result.data.errors;
    if (Array.isArray(errors) && errors.length) {
      return errors.map((e) => (e.loc ? e.loc[e.loc.length - 1] + ": " : "") + e.msg).join("; ");
    }
    const d = result.data && result.data.detail;
    if (typeof d === "string") return d;
    if (result.status === 401) return t("Сеанс истек: войдите снова.");
    if (result.status === 413) return t("Слишком большой объем файлов.");
    return t("Ошибка сервера (%(status)s). Повторите попытку позже.", { status: result.status });
  },

  show(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  },
};
