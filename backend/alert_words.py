"""What an alert says, in the language the operator chose for alerts (BOOTH_ALERT_LANGUAGE:
uz, ru or en; English unless set). The text goes to Telegram and the webhook as it is and
is kept as the alert's message, which the dashboard shows in small type under the kind
(the kind itself follows each operator's dashboard language).

Each entry is (English, Russian, Uzbek); a counted entry has tuples of forms chosen by the
value `n` (English one/other, Russian one/few/many, Uzbek one). Money is written as the
booth writes it ("20 000 сум"); what a booth or a printer said itself follows in brackets
as it was said.
"""

from __future__ import annotations

from typing import Any

from contract.number_words import counted

ALERT_LANGUAGES = ("uz", "ru", "en")
COLUMNS = {"en": 0, "ru": 1, "uz": 2}

ALERT_TEXTS: dict[str, tuple[Any, Any, Any]] = {
    "offline": (
        "{booth} is offline: no heartbeat since {time}",
        "{booth} не на связи: нет сигнала с {time}",
        "{booth} aloqada emas: {time} dan beri signal yo'q"),
    "printer": (
        "{booth}: printer {state}{said}",
        "{booth}: принтер — {state}{said}",
        "{booth}: printer — {state}{said}"),
    "paper-low": (
        ("{booth}: {n} print left (threshold {threshold})",
         "{booth}: {n} prints left (threshold {threshold})"),
        ("{booth}: остался {n} отпечаток (порог {threshold})",
         "{booth}: осталось {n} отпечатка (порог {threshold})",
         "{booth}: осталось {n} отпечатков (порог {threshold})"),
        ("{booth}: {n} ta nusxa qoldi (chegara {threshold})",)),
    "no-provider": (
        "{booth}: out of service, no payment provider in common (E-PROVIDER): {said}",
        "{booth}: не работает, у будки и сервера нет общей платёжной системы (E-PROVIDER): "
        "{said}",
        "{booth}: ishlamayapti, budka va serverda umumiy to'lov tizimi yo'q (E-PROVIDER): "
        "{said}"),
    "storage": (
        "{booth}: out of service, the disk is full ({code}): {said}",
        "{booth}: не работает, диск заполнен ({code}): {said}",
        "{booth}: ishlamayapti, disk to'la ({code}): {said}"),
    "outbox": (
        "{booth}: events wait {minutes} min to reach the backend",
        "{booth}: события ждут отправки на сервер уже {minutes} мин",
        "{booth}: hodisalar serverga yetib borishni {minutes} daqiqadan beri kutmoqda"),
    "undelivered": (
        "{booth}: order {order} ({amount}, {method}) is paid but not printed: print or "
        "refund it",
        "{booth}: заказ {order} ({amount}, {method}) оплачен, но не напечатан: напечатайте "
        "его или верните деньги",
        "{booth}: {order} buyurtmasi ({amount}, {method}) to'langan, lekin chop etilmagan: "
        "uni chop eting yoki pulni qaytaring"),
    "pin-lockout": (
        "{booth}: service PIN pad locked after wrong PINs ({reason})",
        "{booth}: PIN-клавиатура сервисного меню заблокирована после неверных кодов "
        "({reason})",
        "{booth}: xizmat menyusining PIN paneli noto'g'ri kodlardan so'ng qulflandi "
        "({reason})"),
    "turned-away": (
        ("{booth}: customers turned away: {n} got no payment code in the last {minutes} min "
         "({reason})",
         "{booth}: customers turned away: {n} got no payment code in the last {minutes} min "
         "({reason})"),
        ("{booth}: {n} клиент ушёл без кода оплаты за последние {minutes} мин ({reason})",
         "{booth}: {n} клиента ушли без кода оплаты за последние {minutes} мин ({reason})",
         "{booth}: {n} клиентов ушли без кода оплаты за последние {minutes} мин ({reason})"),
        ("{booth}: oxirgi {minutes} daqiqada {n} ta mijoz to'lov kodini olmay ketdi "
         "({reason})",)),
    "auto-refund": (
        "{booth}: order {order} ({amount}, {method}) was not printed: refunded automatically "
        "— {status}{note}",
        "{booth}: заказ {order} ({amount}, {method}) не напечатан: возврат сделан "
        "автоматически — {status}{note}",
        "{booth}: {order} buyurtmasi ({amount}, {method}) chop etilmadi: pul avtomatik "
        "qaytarildi — {status}{note}"),
    # A refund's state (contract/refunds.py), after "refunded automatically —".
    "refund.requested": ("requested", "запрошен", "so'raldi"),
    "refund.refunded": ("refunded", "деньги возвращены", "pul qaytarildi"),
    "refund.failed": ("failed: refund it by hand", "не прошёл: верните вручную",
                      "amalga oshmadi: qo'lda qaytaring"),
    "resolved": (
        "✅ resolved after {minutes} min: {message}",
        "✅ закрыта через {minutes} мин: {message}",
        "✅ {minutes} daqiqadan keyin yopildi: {message}"),
}


def alert_text(key: str, language: str, **values: Any) -> str:
    forms = ALERT_TEXTS[key][COLUMNS[language]]
    template = forms if isinstance(forms, str) else counted(forms, language, int(values["n"]))
    return template.format(**values)

