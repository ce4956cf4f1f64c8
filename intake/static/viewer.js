// Page viewer: the page image with the evidence box highlighted, the box of every field and finding read
// on that page (from the report) and, on request, the words as read.
"use strict";

(function () {
  const viewer = document.getElementById("viewer");
  if (!viewer) return;
  const img = document.getElementById("page-img");
  const overlay = document.getElementById("overlay");
  const title = document.getElementById("viewer-title");
  const note = document.getElementById("viewer-note");
  const wordsToggle = document.getElementById("show-words");
  const marksToggle = document.getElementById("show-marks");
  const id = viewer.dataset.package;
  let current = null;
  let report = null;
  const FIELD_NAMES = { number: t("Номер"), date: t("Дата (ГГГГ-ММ-ДД)"), total: t("Сумма") };

  function place(el, bbox) {
    const [x0, y0, x1, y1] = bbox;
    el.style.left = (x0 * 100).toFixed(3) + "%";
    el.style.top = (y0 * 100).toFixed(3) + "%";
    el.style.width = ((x1 - x0) * 100).toFixed(3) + "%";
    el.style.height = ((y1 - y0) * 100).toFixed(3) + "%";
  }

  function parseBox(text) {
    if (!text) return null;
    const v = text.split(",").map(Number);
    return v.length === 4 && v.every((x) => Number.isFinite(x)) ? v : null;
  }

  async function drawWords() {
    overlay.querySelectorAll(".word").forEach((w) => w.remove());
    intake.show(note, "");
    if (!wordsToggle.checked || !current) return;
    const q = new URLSearchParams({ file: current.file, page: current.page });
    const r = await intake.api("GET", "/packages/" + encodeURIComponent(id) + "/words?" + q);
    if (!r.ok) { intake.show(note, intake.message(r)); return; }
    for (const w of r.data.words) {
      const el = document.createElement("div");
      el.className = "word" + (w.confidence < 0.6 ? " low" : "");
      el.title = w.text + " (" + w.confidence.toFixed(2) + ")";
      place(el, w.bbox);
      overlay.append(el);
    }
    intake.show(note, t("слов: %(n)s, источник: %(source)s", { n: r.data.words.length, source: r.data.source }));
    viewer.dataset.words = String(r.data.words.length);
  }

  // Every box the report places on the current page: fields and parties of documents, findings.
  function marksOnPage(body) {
    const out = [];
    const here = (v) => v && v.bbox && v.file === current.file && Number(v.page) === current.page;
    for (const d of body.documents || []) {
      const f = d.fields || {};
      for (const name of ["number", "date", "total"]) {
        const v = f[name];
        if (here(v)) out.push({ kind: "field", bbox: v.bbox, label: d.id + " · " + FIELD_NAMES[name] + ": " + (v.value || v.amount) });
      }
      for (const p of f.parties || []) {
        if (here(p)) out.push({ kind: "field party", bbox: p.bbox, label: d.id + " · " + t("БИН/ИИН") + " " + p.bin });
      }
    }
    for (const fnd of body.findings || []) {
      if (here(fnd)) out.push({ kind: "finding " + fnd.severity, bbox: fnd.bbox, label: fnd.code + ": " + ((document.documentElement.lang === "kk" && fnd.message_kk) || fnd.message) });
    }
    return out;
  }

  async function drawMarks() {
    overlay.querySelectorAll(".mark-box").forEach((m) => m.remove());
    viewer.dataset.marks = "0";
    if (!marksToggle || !marksToggle.checked || !current) return;
    if (report === null) {
      const r = await intake.api("GET", "/packages/" + encodeURIComponent(id) + "/report");
      report = r.ok ? r.data : {};
    }
    const marks = marksOnPage(report);
    for (const m of marks) {
      const el = document.createElement("div");
      el.className = "mark-box " + m.kind;
      el.title = m.label;
      place(el, m.bbox);
      overlay.append(el);
    }
    viewer.dataset.marks = String(marks.length);
  }

  function show(file, page, boxText) {
    current = { file, page: Number(page) };
    delete viewer.dataset.loaded;
    overlay.replaceChildren();
    title.textContent = t("%(file)s, с. %(page)s", { file, page });
    const q = new URLSearchParams({ file, page, dpi: 100 });
    img.hidden = false;
    img.src = "/packages/" + encodeURIComponent(id) + "/page?" + q;
    const large = document.getElementById("viewer-large");
    if (large && !viewer.dataset.standalone) {
      const lq = new URLSearchParams({ file, page });
      if (boxText) lq.set("box", boxText);
      large.href = "/view/" + encodeURIComponent(id) + "?" + lq;
      large.hidden = false;
    }
    const bbox = parseBox(boxText);
    if (bbox) {
      const el = document.createElement("div");
      el.className = "evidence-box";
      el.id = "evidence-box";
      place(el, bbox);
      overlay.append(el);
    }
    drawWords();
    drawMarks();
  }

  wordsToggle.addEventListener("change", drawWords);
  if (marksToggle) marksToggle.addEventListener("change", drawMarks);
  window.intakeViewer = { show };
  img.addEventListener("load", () => {
    viewer.dataset.loaded = "1";
    const box = document.getElementById("evidence-box");
    if (box && viewer.dataset.scroll !== "no") box.scrollIntoView({ block: "center", behavior: "instant" });
  });
  document.querySelectorAll("a.show-page").forEach((a) => a.addEventListener("click", (ev) => {
    ev.preventDefault();
    viewer.dataset.scroll = "no";
    show(a.dataset.file, a.dataset.page, a.dataset.box);
    viewer.scrollIntoView({ block: "start", behavior: "instant" });
  }));
  if (viewer.dataset.file) show(viewer.dataset.file, viewer.dataset.page || 1, viewer.dataset.box);
})();
