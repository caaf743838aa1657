"""Amounts in Vietnamese words, as a payment statement writes them under the figures ("Bằng chữ: …").

The usual reading of accounting papers: groups of three digits with "nghìn", "triệu", "tỷ" (and "nghìn tỷ",
"triệu tỷ" above), "linh" for a zero ten before a unit ("một trăm linh năm"), "không trăm" for a zero hundred
inside the number ("một nghìn không trăm linh năm"), "mười" for ten, "mốt" and "lăm" for a one and a five after
twenty and above ("hai mươi mốt", "hai mươi lăm", "mười lăm")."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
GROUPS = ["", "nghìn", "triệu"]


def _three(number: int, *, full: bool) -> list[str]:
    """0–999 in words. ``full``: the group follows a higher one, so its zero hundreds and tens are read."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if hundreds or full:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    """0 < number < 10⁹ in words."""
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        leading = not words and not full
        words += _three(group, full=not leading)
        if GROUPS[index]:
            words.append(GROUPS[index])
    return words


def _words(number: int, *, full: bool = False) -> list[str]:
    if number >= 10**9:
        billions, rest = divmod(number, 10**9)
        words = _words(billions, full=full) + ["tỷ"]
        return words + (_below_billion(rest, full=True) if rest else [])
    return _below_billion(number, full=full)


def number_in_words(number: int) -> str:
    """``1_234_567`` → "một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy"; 0 → "không"."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return DIGITS[0]
    return " ".join(_words(int(number)))


def amount_in_words(amount: int) -> str:
    """An amount of đồng as a statement writes it: "Một triệu hai trăm nghìn đồng"."""
    text = f"{number_in_words(int(amount))} đồng"
    return text[0].upper() + text[1:]
