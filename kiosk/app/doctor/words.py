"""The doctor's findings as sentences for a person, in uz / ru / en.

A check says what it found as a catalogue key and its values: `ok("media.ok", n=420)`.
The sentence is chosen when the finding is printed, in the booth's language (its
ui.default_language, or `kiosk doctor --lang`). A value may itself be a `Phrase` (a
printer state, a reason) or a list of them, said in the same language (alternatives:
`AnyOf`, joined by the language's "or"); a float is
written with that language's decimal separator; a catalogue entry whose forms are tuples
is counted by the value `n` (English two forms, Russian three, Uzbek one). The sentences
are in kiosk/app/doctor/sentences.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contract.number_words import counted, decimal
from kiosk.app.doctor.sentences import SENTENCES

LANGUAGES = ("uz", "ru", "en")
# The order of a SENTENCES entry.
COLUMNS = {"en": 0, "ru": 1, "uz": 2}


@dataclass(frozen=True)
class Phrase:
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, language: str) -> str:
        forms = SENTENCES[self.key][COLUMNS[language]]
        template = forms if isinstance(forms, str) else counted(forms, language,
                                                                int(self.values["n"]))
        return template.format(**{name: shown(value, language)
                                  for name, value in self.values.items()})


@dataclass(frozen=True)
class AnyOf:
    """Alternatives, joined by the language's "or"."""
    items: tuple[Any, ...]


def say(key: str, **values: Any) -> Phrase:
    if key not in SENTENCES:
        raise KeyError(f"no doctor sentence {key!r} in kiosk/app/doctor/sentences.py")
    return Phrase(key, values)


def shown(value: Any, language: str) -> Any:
    if isinstance(value, Phrase):
        return value.text(language)
    if isinstance(value, AnyOf):
        return say("or").text(language).join(str(shown(item, language))
                                             for item in value.items)
    if isinstance(value, list):
        return ", ".join(str(shown(each, language)) for each in value)
    if isinstance(value, float):
        return decimal(value, 1, language)
    return value
