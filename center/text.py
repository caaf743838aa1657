"""Vietnamese text helpers shared by every app: normalisation, search folding and name collation.

The collation key is a string of digits, so it sorts the same way byte by byte (SQLite) and under any
PostgreSQL collation; rosters and lists order by it on both databases.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabet order; ă â đ ê ô ơ ư are letters of their own.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_COMBINING_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_WITH_MARK = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
# Tones in Vietnamese order: none < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_CODE = {" ": "01"}
_CODE.update({str(d): f"{2 + d:02d}" for d in range(10)})
_CODE.update({letter: f"{12 + i:02d}" for i, letter in enumerate(_ALPHABET)})


def visible_text(value: str) -> str:
    """``value`` without control and invisible format characters (NUL, zero-width spaces and joiners, the
    byte-order mark, direction marks): they cannot be seen, so two names that look the same would differ,
    and PostgreSQL refuses NUL in a query. Whitespace is kept (``normalize_text`` folds it)."""
    if value.isprintable():  # the usual case, checked in C
        return value
    return "".join(ch for ch in value if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))


def normalize_text(value: str | None) -> str:
    """NFC, invisible characters removed, single spaces, trimmed. Never changes letters: people's names are
    kept as written."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", visible_text(value))).strip()


def fold(value: str | None) -> str:
    """Lower-case, without diacritics, đ → d: ``"Nguyễn Thị Đào"`` → ``"nguyen thi dao"``."""
    text = unicodedata.normalize("NFD", normalize_text(value).lower()).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _letters_and_tone(word: str) -> tuple[str, int]:
    """A syllable's letters (with ă â ê ô ơ ư đ) and its tone, wherever the tone mark was placed."""
    letters: list[str] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _COMBINING_LETTER_MARKS:
            if letters:
                letters[-1] = _WITH_MARK.get((letters[-1], _COMBINING_LETTER_MARKS[ch]), letters[-1])
        elif not unicodedata.combining(ch):
            letters.append(ch)
    return "".join(letters), tone


def collation_key(value: str | None) -> str:
    """A key that orders text as Vietnamese readers do (ICU ``vi``): letters first (a < ă < â, d < đ, …),
    then tones syllable by syllable; case is ignored. Hoà and Hòa get the same key."""
    primary: list[str] = []
    tones: list[str] = []
    for word in normalize_text(value).lower().split(" "):
        if not word:
            continue
        letters, tone = _letters_and_tone(word)
        if primary:
            primary.append(_CODE[" "])
        primary.extend(_CODE[ch] for ch in letters if ch in _CODE)
        tones.append(str(tone))
    return "".join(primary) + "00" + "".join(tones)


def name_sort_key(given_name: str | None, family_name: str | None) -> str:
    """Roster order: given name (tên) first, then family and middle names (họ đệm)."""
    return collation_key(given_name) + "0" + collation_key(family_name)


def name_case(value: str | None) -> str:
    """Capitalise a person's name the Vietnamese way: every word starts with a capital.
    ``"  nguyễn thị mai   anh "`` → ``"Nguyễn Thị Mai Anh"``, ``"TRẦN VĂN ƠN"`` → ``"Trần Văn Ơn"``. A word
    already written in mixed case (``"H'Hen"``) is kept as typed."""
    words = []
    for word in normalize_text(value).split(" "):
        if word and (word.islower() or word.isupper()):
            word = word[0].upper() + word[1:].lower()
        words.append(word)
    return " ".join(words)


def split_full_name(full_name: str | None) -> tuple[str, str]:
    """Split "Họ và tên" on its last word, capitalised: ``"nguyễn văn an"`` → ``("Nguyễn Văn", "An")``."""
    parts = name_case(full_name).split(" ")
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]
