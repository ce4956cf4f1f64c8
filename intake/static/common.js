// Shared helpers of the pages: calls to the JSON API (the session cookie authenticates them).
"use strict";

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

  // A person-readable message from an API error body (FastAPI: detail string or validation list).
  message(result) {
    const d = result.data && result.data.detail;
    if (typeof d === "string") return d;
    if (Array.isArray(d) && d.length) {
      return d.map((e) => (e.loc ? e.loc[e.loc.length - 1] + ": " : "") + e.msg).join("; ");
    }
    if (result.status === 401) return "Сеанс истек: войдите снова.";
    if (result.status === 413) return "Слишком большой объем файлов.";
    return "Ошибка сервера (" + result.status + "). Повторите попытку позже.";
  },

  show(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  },
};
