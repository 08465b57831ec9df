"""The photos page in the customer's language (from the phone's Accept-Language)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageTexts:
    language: str
    title: str
    waiting: str
    share: str
    download: str
    print_label: str
    shot_label: str
    keep_until: str
    not_found: tuple[str, str]
    gone: tuple[str, str]
    locked: tuple[str, str]


TEXTS = {
    "uz": PageTexts(
        "uz", "Suratlaringiz", "Suratlar hali yuklanmoqda — sahifa o'zi yangilanadi.",
        "Ulashish", "Yuklab olish", "Chop etilgan surat", "{number}-surat",
        "Suratlar {date} gacha saqlanadi.",
        ("Topilmadi", "Bunday sahifa yo'q. Fotobudkadagi QR kodni qayta skanerlang."),
        ("Muddati tugadi", "Suratlar saqlash muddati tugagani uchun o'chirildi."),
        ("Juda ko'p urinish", "Kod ko'p marta noto'g'ri kiritildi. 15 daqiqadan keyin "
         "qayta urinib ko'ring yoki QR kodni skanerlang."),
    ),
    "ru": PageTexts(
        "ru", "Ваши фотографии", "Фотографии ещё загружаются — страница обновится сама.",
        "Поделиться", "Скачать", "Отпечаток", "Снимок {number}",
        "Фотографии хранятся до {date}.",
        ("Не найдено", "Такой страницы нет. Отсканируйте QR-код на фотобудке ещё раз."),
        ("Срок истёк", "Фотографии удалены: срок хранения закончился."),
        ("Слишком много попыток", "Код несколько раз введён неверно. Попробуйте через "
         "15 минут или отсканируйте QR-код."),
    ),
    "en": PageTexts(
        "en", "Your photos", "Your photos are still on their way — this page refreshes itself.",
        "Share", "Download", "The print", "Shot {number}",
        "Your photos are kept until {date}.",
        ("Not found", "There is no such page. Scan the QR code at the photobooth again."),
        ("Expired", "These photos were deleted: their keeping time is over."),
        ("Too many tries", "The code was mistyped several times. Try again in 15 minutes "
         "or scan the QR code."),
    ),
}

# "Download all" (the zip of every photo); a language without it says its "Download".
DOWNLOAD_ALL = {"uz": "Hammasini yuklab olish", "ru": "Скачать все", "en": "Download all"}


def texts_for(accept_language: str | None) -> PageTexts:
    """The first of uz, ru, en the phone asks for, by its q order; else Russian."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, index, tag.split("-")[0].lower()))
    for _q, _i, language in sorted(ranked):
        if language in TEXTS:
            return TEXTS[language]
    return TEXTS["ru"]
