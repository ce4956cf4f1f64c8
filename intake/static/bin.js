// Kazakh BIN/IIN check digit (the same algorithm as extractors/bin.py): 12 digits, the last one is
// sum(d_i * w_i) mod 11 with weights 1..11; when that is 10, weights 3..11,1,2; 10 again: no valid number.
"use strict";

window.binCheck = {
  checkDigit(first11) {
    const d = Array.from(first11, Number);
    for (const weights of [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]]) {
      const c = d.reduce((s, v, i) => s + v * weights[i], 0) % 11;
      if (c !== 10) return c;
    }
    return null;
  },

  // "" when valid; otherwise a Russian explanation.
  problem(value) {
    const v = value.replace(/\s+/g, "");
    if (!/^[0-9]*$/.test(v)) return t("Только цифры.");
    if (v.length < 12) return t("Введено %(n)s из 12 цифр.", { n: v.length });
    if (v.length > 12) return t("Больше 12 цифр.");
    const c = this.checkDigit(v.slice(0, 11));
    if (c === null || c !== Number(v[11])) return t("Контрольная цифра не сходится: проверьте БИН/ИИН.");
    return "";
  },
};
