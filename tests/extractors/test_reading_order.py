"""Reading order of OCR'd pages (real Tesseract on pages drawn at 300 dpi): a form's labels and values,
a two-column letterhead and two columns of running text read as a person reads them."""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr
from extractors.reading_order import reading_order
from models.pages import Page, Word
from models.vocab import PageSource

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIZE = (2480, 1400)


def _page(texts: list[tuple[int, int, str]], size: tuple[int, int] = SIZE,
          large: tuple[str, ...] = ()) -> np.ndarray:
    """A white page with each text printed at (x, y) in pixels, 10 pt at 300 dpi (`large`: 14 pt)."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font, big = ImageFont.truetype(FONT, 42), ImageFont.truetype(FONT, 58)
    for x, y, t in texts:
        draw.text((x, y), t, font=big if t in large else font, fill=0)
    return np.asarray(img)


def _lines(words: tuple[Word, ...]) -> list[str]:
    return Page(file="x", page=1, source=PageSource.ocr, words=words).text.splitlines()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_a_form_reads_each_label_with_its_value_and_a_wrapped_label_before_its_value() -> None:
    img = _page([
        (150, 100, "Регистрационный номер"), (150, 146, "в реестре"), (1200, 100, "ОТП-2026-73611"),
        (150, 260, "Руководитель"), (1200, 260, "Иванов Дмитрий Нурланович"),
        (150, 360, "Код ОКЭД"), (1200, 360, "28410"),
        (150, 460, "Юридический адрес"), (1200, 460, "080880, г. Тараз, ул. Сатпаева,"),
        (1200, 506, "д. 144, офис 397"),
    ])
    raw = ocr.ocr_words(img, ordered=False)
    words = ocr.ocr_words(img)
    assert sorted(w.text for w in words) == sorted(w.text for w in raw)  # the same words, reordered
    text = _flat(" ".join(_lines(words)))
    assert text == _flat(
        "Регистрационный номер в реестре ОТП-2026-73611 Руководитель Иванов Дмитрий Нурланович "
        "Код ОКЭД 28410 Юридический адрес 080880, г. Тараз, ул. Сатпаева, д. 144, офис 397"
    )
    lines = _lines(words)
    assert "Руководитель Иванов Дмитрий Нурланович" in lines  # label and value: one line, as printed
    assert "Код ОКЭД 28410" in lines


def test_a_letterhead_reads_its_left_half_then_its_right_half() -> None:
    """The firm's name large with a small line under it on the left, its details in small lines on
    the right (Tesseract joins the left and right lines at the same height into one line)."""
    img = _page([
        (150, 110, "ТОО «Best Steel»"), (150, 185, "жауапкершілігі шектеулі серіктестігі"),
        (1250, 100, "160990, г. Шымкент, пр. Республики, д. 146"), (1250, 148, "БИН 190940858438"),
        (1250, 196, "тел.: +7 (7252) 90-03-53"), (1250, 244, "БИК TSESKZKA"),
        (150, 420, "ОТЧЕТ ЗАЯВИТЕЛЯ ПО ПРИОБРЕТЕННОМУ ОБОРУДОВАНИЮ"),
    ], large=("ТОО «Best Steel»",))
    lines = _lines(ocr.ocr_words(img))
    assert lines[0].startswith("ТОО «Best") and "160990" not in lines[0]
    assert lines[1] == "жауапкершілігі шектеулі серіктестігі"
    assert lines[2].startswith("160990") and lines[-1].startswith("ОТЧЕТ")
    assert lines[3:5] == ["БИН 190940858438", "тел.: +7 (7252) 90-03-53"]


LEFT = ["Тапсырыс беруші бір тараптан және", "Орындаушы екінші тараптан бірлесіп",
        "Тараптар деп аталатындар төмендегілер", "туралы осы Шартты жасасты және",
        "төмендегілерге келісті: Орындаушы", "қызметтер көрсетуге міндеттенеді."]
RIGHT = ["Заказчик с одной стороны и Исполнитель", "с другой стороны совместно именуемые",
         "Стороны заключили этот Договор", "о нижеизложенном и договорились о",
         "том, что Исполнитель обязуется", "оказать Заказчику услуги."]


def test_two_columns_of_running_text_are_read_one_after_the_other() -> None:
    img = _page([(150, 100, "ДОГОВОР № 958-ОУ/2025")]
                + [(150, 200 + 52 * k, t) for k, t in enumerate(LEFT)]
                + [(1250, 200 + 52 * k, t) for k, t in enumerate(RIGHT)]
                + [(150, 600, "Далее условия Договора излагаются на русском языке, а Шартты жасасты.")])
    lines = _lines(ocr.ocr_words(img))
    assert lines[1:-1] == [*LEFT, *RIGHT]
    assert lines[0].startswith("ДОГОВОР") and lines[-1].startswith("Далее")


def _w(text: str, x0: float, y0: float, x1: float, y1: float, line: int) -> Word:
    return Word(text=text, bbox=(x0 / 1000, y0 / 1000, x1 / 1000, y1 / 1000), confidence=0.9, line=line)


def test_rows_of_a_form_with_markers_in_a_right_column_are_read_row_by_row() -> None:
    """Lines closer together than a row gap, each with its marker far right, Tesseract's lines joining
    them: read line by line, not all lines first and then all markers."""
    words = [
        _w("Поставщик:", 50, 100, 150, 120, 0), _w("ИП", 160, 100, 190, 120, 0),
        _w("(2)", 900, 100, 930, 120, 0),
        _w("Договор:", 50, 124, 140, 144, 1), _w("№", 150, 124, 165, 144, 1),
        _w("(3)", 900, 124, 930, 144, 1),
        _w("Оплата:", 50, 148, 130, 168, 2), _w("безналичная", 140, 148, 260, 168, 2),
        _w("(4)", 900, 148, 930, 168, 2),
    ]
    ordered = reading_order(words, ["1"] * len(words), (1000, 1000))
    assert _lines(ordered) == ["Поставщик: ИП (2)", "Договор: № (3)", "Оплата: безналичная (4)"]


def test_no_words_give_no_words() -> None:
    assert reading_order([], [], (100, 100)) == ()


def test_a_justified_line_stretched_wide_stays_one_line_before_the_next() -> None:
    """A paragraph's justified line with word gaps as wide as a column gap, its last line short: the
    gap above the short line's end is word spacing, not a column; the lines are read in turn."""
    first = ["Договору,", "представить", "Покупателю", "документы,", "предусмотренные", "Договором", "и"]
    words, x = [], 50
    for text in first:
        words.append(_w(text, x, 100, x + 12 * len(text), 117, 0))
        x += 12 * len(text) + 30  # gaps of 30: wider than 1.5 × the 17 word height
    words += [_w("законодательством", 50, 121, 254, 138, 1), _w("Казахстан.", 264, 121, 384, 138, 1)]
    ordered = reading_order(words, ["1"] * len(words), (1000, 1000))
    assert _lines(ordered) == [" ".join(first), "законодательством Казахстан."]


def test_two_parties_details_side_by_side_are_read_party_after_party() -> None:
    """Requisites of two parties in two columns of short lines, the right one a line lower after its
    wrapped address: each party's lines together (the same labels start lines on both sides)."""
    left = [("ПОСТАВЩИК", 100), ("ИИН: 761127388986", 124), ("Адрес: г. Шымкент", 148),
            ("ИИК: KZ80914P49610", 172), ("Банк: АО Bereke", 196), ("Тел.: 7014326048", 220)]
    right = [("ПОКУПАТЕЛЬ", 100), ("БИН: 170640150681", 124), ("Адрес: г. Тараз, пр.", 148),
             ("Назарбаева, д. 203", 172), ("ИИК: KZ238560B66R", 196), ("Банк: АО ЦентрКредит", 220),
             ("Тел.: 7023410037", 244)]
    words, line = [], 0
    for x0, column in ((50, left), (550, right)):
        for text, y in column:
            x = x0
            for part in text.split():
                words.append(_w(part, x, y, x + 10 * len(part), y + 17, line))
                x += 10 * len(part) + 8
            line += 1
    rows = sorted(words, key=lambda w: (w.bbox[1], w.bbox[0]))  # Tesseract joins each row's two lines
    rows = [w.model_copy(update={"line": round(w.bbox[1] * 1000)}) for w in rows]
    ordered = _lines(reading_order(rows, ["1"] * len(rows), (1000, 1000)))
    assert ordered == [t for t, _ in left] + [t for t, _ in right]



def test_two_parties_details_set_wide_apart_are_read_party_after_party() -> None:
    """Requisites in small print under an act's text, their rows set about as far apart as a word is
    high and not quite evenly (an A4 page at 300 dpi, rows where a scan's Tesseract put them), each row one
    Tesseract line across both parties: the rows' spacing holds them together, and each party's lines
    are read together."""
    left = ["Передал:", "ИП «Станкоимпорт Казахстан»", "ИИН: 980916355941", "Адрес: 030220, г. Актобе, ул.",
            "Кабанбай батыра, д. 147", "ИИК: KZ3499834806H7K9XK86", "Банк: АО «Jusan Bank»", "БИК: TSESKZKA",
            "КБе: 19", "Тел.: +7 (7132) 95-77-05"]
    right = ["Принял:", "ТОО «Арман Агро Групп»", "БИН: 090440338783", "Адрес: 100200, г. Караганда, ул.",
             "Северная промзона, д. 306", "ИИК: KZ96856P92U7L78L9TMU", "Банк: АО «Банк ЦентрКредит»",
             "БИК: KCJBKZKX", "КБе: 17", "Тел.: +7 (7212) 87-57-49"]
    rows = [(1265, 1295), (1326, 1356), (1385, 1411), (1448, 1478), (1499, 1531), (1560, 1586), (1621, 1653),
            (1684, 1708), (1745, 1769), (1806, 1830)]
    above = "Оборудование передано в исправном состоянии, комплектно. Претензий Стороны не имеют."
    width, height = 2480, 3508

    def line(text: str, x: float, top: float, bottom: float, n: int, letter: float = 17) -> list[Word]:
        out = []
        for part in text.split():
            out.append(Word(text=part, bbox=(x / width, top / height, (x + letter * len(part)) / width,
                                             bottom / height), confidence=0.9, line=n))
            x += letter * len(part) + 14
        return out

    words = line(above, 357, 1192, 1231, 0, 21)
    for n, (a, b, (top, bottom)) in enumerate(zip(left, right, rows, strict=True), start=1):
        words += line(a, 380, top, bottom, n) + line(b, 1324, top, bottom, n)
    ordered = _lines(reading_order(words, ["1"] * len(words), (width, height)))
    assert ordered == [above, *left, *right]

ITEMS = [("1", ["Диагностика производственной системы", "и выявление потерь на участках"], "1",
          "1 250 000,00"),
         ("2", ["Картирование потока создания", "ценности и проект будущего", "состояния"], "2",
          "1 280 000,00"),
         ("3", ["Обучение персонала методам", "бережливого производства"], "3", "646 500,00")]


def _cell(text: str, x: float, y: float, line: int) -> list[Word]:
    """A cell's line of text from (x, y): words 10 units a letter wide, 20 high, 8 apart."""
    words = []
    for part in text.split():
        words.append(_w(part, x, y, x + 10 * len(part), y + 20, line))
        x += 10 * len(part) + 8
    return words


def _wrapped_table() -> tuple[list[Word], list[tuple[float, float, float, float]]]:
    """A ruled table whose item names wrap onto two or three lines, the rows set so tight that no white
    space between them is as high as a row gap (6 units between a cell's lines, 7 between rows, with a
    word height of 20), each cell its own Tesseract line; and the rulings between its rows."""
    words = _cell("№", 50, 100, 0) + _cell("Наименование работ", 100, 100, 1) + _cell("Кол-во", 600, 100, 2)
    words += _cell("Стоимость", 800, 100, 3)
    rulings = [(40 / 1000, 126 / 1000, 960 / 1000, 127 / 1000)]
    y, line = 133.0, 10
    for number, name, qty, cost in ITEMS:
        words += _cell(number, 50, y, line) + _cell(qty, 600, y, line + 1) + _cell(cost, 800, y, line + 2)
        for k, part in enumerate(name):
            words += _cell(part, 100, y + 26 * k, line + 3 + k)
        y += 26 * len(name)
        rulings.append((40 / 1000, (y - 4) / 1000, 960 / 1000, (y - 3) / 1000))
        y += 1
        line += 10
    words += _cell("Итого", 600, y, line) + _cell("3 176 500,00", 800, y, line + 1)
    return words, rulings


def test_a_ruled_table_with_wrapped_cells_is_read_row_by_row() -> None:
    """A cell's wrapped lines leave no row gap between the table's rows: the rulings between them are
    cut as rows, each row read cell after cell (a wrapped name whole), the total after its label."""
    words, rulings = _wrapped_table()
    lines = _lines(reading_order(words, ["1"] * len(words), (1000, 1000), rulings=rulings))
    expected = ["№ Наименование работ Кол-во Стоимость"]
    for number, name, qty, cost in ITEMS:
        expected += [f"{number} {name[0]}", *name[1:], f"{qty} {cost}"]
    assert lines == [*expected, "Итого 3 176 500,00"]


def test_a_stamp_over_a_tables_last_rows_does_not_join_them_into_columns() -> None:
    """A round stamp printed over the last rows and the total, read as a few tall letters that bridge
    the white space between the rows and between the columns: the rows are still read one by one."""
    words = []
    for k, (number, name, cost) in enumerate([("1", "Диагностика системы", "1 250 000,00"),
                                               ("2", "Картирование потока", "1 280 000,00"),
                                               ("3", "Обучение персонала", "646 500,00")]):
        y = 100 + 40 * k
        words += _cell(number, 50, y, 3 * k) + _cell(name, 100, y, 3 * k + 1) + _cell(cost, 800, y, 3 * k + 2)
    words += _cell("Итого", 600, 220, 20) + _cell("3 176 500,00", 800, 220, 21)
    words += _cell("в том числе НДС: 340 339,29", 50, 260, 22)
    # the stamp's outline and lettering: boxes three to six word heights tall
    words += [_w("/", 560, 130, 590, 190, 30), _w("тп", 610, 130, 700, 190, 30),
              _w("CoH", 560, 190, 760, 290, 31), _w("сім", 700, 250, 730, 256, 31)]
    stamp = {"/", "тп", "CoH", "сім"}
    lines = [" ".join(t for t in line.split() if t not in stamp)
             for line in _lines(reading_order(words, ["1"] * len(words), (1000, 1000)))]
    assert [line for line in lines if line] == [
        "1 Диагностика системы 1 250 000,00", "2 Картирование потока 1 280 000,00",
        "3 Обучение персонала 646 500,00", "Итого 3 176 500,00", "в том числе НДС: 340 339,29"]


def test_a_scanned_table_with_wrapped_names_and_a_stamp_over_its_last_rows_is_read_row_by_row() -> None:
    """A real page: a ruled table whose names wrap onto two lines with 3 px between a cell's text and
    its rulings, a round stamp drawn over the last two rows and the total (Tesseract reads its ink as a
    few tall letters). Each row's amount is read before the next row's name, the total after the rows."""
    img = Image.new("L", (2480, 1300), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 38)
    cols = [100, 200, 1300, 1550, 1750, 2380]
    rows = [("№", ["Наименование работ (услуг)"], "Дата", "Кол-во", "Стоимость"),
            ("1", ["Диагностика производственной системы", "и выявление потерь на участках"], "10.11.2025",
             "1", "1 250 000,00"),
            ("2", ["Картирование потока создания ценности", "и проект будущего состояния"], "10.11.2025",
             "2", "1 280 000,00"),
            ("3", ["Обучение персонала методам", "бережливого производства"], "10.11.2025", "3",
             "646 500,00")]
    y = 100
    for number, name, *cells in rows:
        height = 46 * len(name) + 6
        for a, b in pairwise(cols):
            draw.rectangle((a, y, b, y + height), outline=0, width=3)
        draw.text((cols[0] + 20, y + 3), number, font=font, fill=0)
        for k, part in enumerate(name):
            draw.text((cols[1] + 15, y + 3 + 46 * k), part, font=font, fill=0)
        for x, cell in zip(cols[2:], cells, strict=False):
            draw.text((x + 15, y + 3), cell, font=font, fill=0)
        y += height
    draw.rectangle((cols[0], y, cols[-1], y + 52), outline=0, width=3)
    draw.text((cols[3] + 15, y + 3), "Итого", font=font, fill=0)
    draw.text((cols[4] + 15, y + 3), "3 176 500,00", font=font, fill=0)
    cx, cy = 1600, y - 60
    draw.ellipse((cx - 150, cy - 150, cx + 150, cy + 150), outline=90, width=6)
    draw.ellipse((cx - 120, cy - 120, cx + 120, cy + 120), outline=90, width=4)
    draw.text((cx - 110, cy - 20), "ТОО Lean Group", font=ImageFont.truetype(FONT, 30), fill=90)
    text = _flat(" ".join(_lines(ocr.ocr_words(np.asarray(img)))))
    anchors = [r"Диагностика", r"1\s?250 000", r"Картирование", r"1\s?280 000", r"Обучение", r"646 500",
               r"Итого", r"3 176 500"]
    found = [re.search(a, text) for a in anchors]
    assert all(found), text
    assert [m.start() for m in found if m] == sorted(m.start() for m in found if m), text


def test_two_parties_details_are_read_party_after_party_when_a_long_line_nearly_meets_the_other() -> None:
    """The left party's address runs on until 1.3 word heights before the right column (narrower than
    a column gap): the same labels starting lines on both sides still make two columns."""
    left = [("ПОСТАВЩИК", 100), ("ИИН: 761127388986", 124), ("Адрес: 160610, г. Шымкент, ул. Кабанбай", 148),
            ("ИИК: KZ80914P49610", 172), ("Банк: АО Bereke", 196), ("Тел.: 7014326048", 220)]
    right = [("ПОКУПАТЕЛЬ", 100), ("БИН: 170640150681", 124), ("Адрес: г. Тараз, пр.", 148),
             ("Назарбаева, д. 203", 172), ("ИИК: KZ238560B66R", 196), ("Банк: АО ЦентрКредит", 220),
             ("Тел.: 7023410037", 244)]
    words = [w for text, y in left for w in _cell(text, 50, y, y)]
    long_end = max(w.bbox[2] for w in words) * 1000
    assert 1.0 * 20 <= 456 - long_end < 1.5 * 20  # the gap: between one and a column gap's word heights
    words += [w for text, y in right for w in _cell(text, 456, y, y)]  # each row one Tesseract line
    ordered = _lines(reading_order(words, ["1"] * len(words), (1000, 1000)))
    assert ordered == [t for t, _ in left] + [t for t, _ in right]


KAZAKH = ["«Сарыарка Энерго-KZ» жауапкершілігі шектеулі", "серіктестігі, бұдан әрі «Сатып алушы» деп",
          "бір тараптан, және Абдрахманов Дмитрий", "Александрович жеке кәсіпкер, бұдан әрі деп",
          "аталатындар, төмендегілер туралы осы", "жасасты:", "1. ШАРТТЫҢ МӘНІ",
          "1.1. Сатушы Сатып алушыға жаңа жабдықты", "беруге, ал Сатып алушы оларды қабылдауға",
          "және төлеуге міндеттенеді."]
RUSSIAN = ["Товарищество с ограниченной ответственностью", "«Сарыарка Энерго-KZ», именуемое в",
           "дальнейшем «Покупатель», в лице Директора", "Тлеубаева Ерлана, действующего на основании",
           "Устава, с одной стороны, и Индивидуальный", "предприниматель Абдрахманов Дмитрий",
           "Александрович, именуемый в дальнейшем", "«Продавец», с другой стороны, заключили",
           "настоящий Договор о нижеследующем:", "1. ПРЕДМЕТ ДОГОВОРА",
           "1.1. Продавец обязуется передать в", "собственность Покупателя оборудование."]

TERMS = "3.1. Срок поставки Оборудования – не позднее 15 декабря 2024 года, по адресу Покупателя."


def _contract(kazakh: list[str], russian: list[str]) -> list[Word]:
    """A bilingual contract's first page in word boxes: a title, a place and a date printed left and
    right, two columns of running text (8 units a letter, lines 26 apart, a gutter of 14 units where
    the left column's longest line nearly meets the right one), a full-width paragraph under them;
    Tesseract's lines join the two columns' lines at the same height."""
    def line(text: str, x: float, y: float) -> list[Word]:
        out = []
        for part in text.split():
            out.append(_w(part, x, y, x + 8 * len(part), y + 18, round(y)))
            x += 8 * len(part) + 6
        return out

    words = line("ШАРТ / ДОГОВОР № 483-ОУ/2024", 380, 60)
    words += line("Караганда қ. / г. Караганда", 60, 100) + line("2024 жылғы «16» қазан", 760, 100)
    left = [w for k, text in enumerate(kazakh) for w in line(text, 60, 150 + 26 * k)]
    gutter = max(w.bbox[2] for w in left) * 1000 + 14
    words += left + [w for k, text in enumerate(russian) for w in line(text, gutter, 150 + 26 * k)]
    bottom = 150 + 26 * max(len(kazakh), len(russian)) + 20
    words += line(TERMS, 60, bottom)
    return words


def test_a_bilingual_contracts_columns_are_read_column_after_column_between_its_full_width_lines() -> None:
    """The gutter found from the word boxes alone (one Tesseract block for the whole page, its lines
    joining the columns): the title, the place and date as one line, the Kazakh column whole, the
    Russian column whole, then the paragraph under them."""
    words = _contract(KAZAKH, RUSSIAN)
    russian = {w.text for line in RUSSIAN for w in _cell(line, 0, 0, 0)}
    gap = (min(w.bbox[0] for w in words if w.text == "Товарищество")
           - max(w.bbox[2] for w in words if 0.1 < w.bbox[1] < 0.45 and w.text not in russian))
    assert gap * 1000 < 18  # narrower than a word height: no column gap for the cuts by rows and columns
    lines = _lines(reading_order(words, ["1"] * len(words), (1000, 1000)))
    assert lines == ["ШАРТ / ДОГОВОР № 483-ОУ/2024", "Караганда қ. / г. Караганда 2024 жылғы «16» қазан",
                     *KAZAKH, *RUSSIAN, TERMS]


def test_a_form_of_labels_and_values_is_not_taken_for_two_columns_of_text() -> None:
    """Labels on the left (the longest a third of the page wide), values far right, rows set tight,
    each row one Tesseract line: each label is read with its value, row after row."""
    rows = [("Наименование заявителя", "ТОО «Сарыарка Энерго-KZ»"), ("БИН", "010140703142"),
            ("Юридический адрес (место нахождения)", "г. Караганда, ул. Бухар жырау, д. 52"),
            ("Руководитель", "Тлеубаев Ерлан"), ("Код ОКЭД", "28410"), ("Телефон", "+7 701 432 60 48")]
    words = []
    for k, (label, value) in enumerate(rows):
        words += _cell(label, 50, 100 + 26 * k, k) + _cell(value, 520, 100 + 26 * k, k)
    lines = _lines(reading_order(words, ["1"] * len(words), (1000, 1000)))
    assert lines == [f"{label} {value}" for label, value in rows]


def test_a_table_without_rulings_is_read_row_by_row_not_column_by_column() -> None:
    """Rows of cells, their name cells as long as a line of running text, set tight with no rulings,
    each row one Tesseract line: each row read left to right, the rows top to bottom."""
    rows = [("Широкоформатный плоттер-принтер imagePROGRAF", "шт.", "1", "8 669 199,33"),
            ("Доставка оборудования до склада Покупателя", "усл.", "1", "244 227,00"),
            ("Монтаж и пусконаладочные работы на объекте", "усл.", "1", "310 000,00"),
            ("Обучение персонала работе на оборудовании", "усл.", "1", "120 000,00"),
            ("Сервисное обслуживание в течение гарантии", "усл.", "1", "95 000,00")]
    words = []
    for k, cells in enumerate(rows):
        for x, text in zip((40, 560, 640, 760), cells, strict=True):
            words += _cell(text, x, 100 + 26 * k, k)
    lines = _lines(reading_order(words, ["1"] * len(words), (1000, 1000)))
    assert lines == [" ".join(cells) for cells in rows]


def test_two_parties_details_are_read_party_after_party_when_an_address_runs_up_to_the_other() -> None:
    """The requisites under a contract, the left party's address line ending 0.7 word heights before the
    right column, each party's signature and seal set apart under its details, a page number under
    them, a line across the page above them: that line, party after party, each with its signature,
    then the page number."""
    left = [("Поставщик", 100), ("ТОО «TechMach Supply Казахстан»", 124), ("БИН: 040940766274", 148),
            ("Адрес: 090590, Западно-Казахстанская обл., г. Уральск, ул.", 172),
            ("Бухар жырау, д. 259, офис 226", 196), ("ИИК: KZ679488182L07C5PBF3", 220),
            ("Банк: АО «Евразийский Банк»", 244), ("БИК: EURIKZKA", 268),
            ("Директор / Жумабекова Н. С. /", 330), ("М.П.", 354)]
    right = [("Покупатель", 100), ("ТОО «Ордабасы Текстиль-KZ»", 124), ("БИН: 190340244993", 148),
             ("Адрес: 120330, Кызылординская обл., г. Кызылорда", 172), ("Жибек жолы, д. 135", 196),
             ("ИИК: KZ93948Z1888E0233D52", 220), ("Банк: АО «Евразийский Банк»", 244), ("БИК: EURIKZKA", 268),
             ("Директор / Жумабекова Г. М. /", 330), ("М.П.", 354)]
    words = [w for text, y in left for w in _cell(text, 20, y, y)]
    x = max(w.bbox[2] for w in words) * 1000 + 14
    words += [w for text, y in right for w in _cell(text, x, y, y)]  # each row one Tesseract line
    words += _cell("Страница 1 из 2", 420, 420, 420)
    # a full-width line above them, one of its word spaces (as wide as the gutter) right over the gutter
    end = x - 14
    for text in reversed(["Оборудование", "передано", "в", "исправном"]):
        words.append(_w(text, end - 10 * len(text), 70, end, 90, 70))
        end -= 10 * len(text) + 14  # word spaces as wide as the gutter
    for text in ["состоянии,", "комплектно."]:
        words.append(_w(text, x, 70, x + 10 * len(text), 90, 70))
        x += 10 * len(text) + 14
    ordered = _lines(reading_order(words, ["1"] * len(words), (1000, 1000)))
    assert ordered == (["Оборудование передано в исправном состоянии, комплектно."] + [t for t, _ in left]
                       + [t for t, _ in right] + ["Страница 1 из 2"])
