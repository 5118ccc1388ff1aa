"""Control characters in text people type or send: one rule for the whole portal.

C0 and C1 control characters (line breaks and tabs among them), DEL, and the Unicode line and
paragraph separators. A one-line field holds none of them (portal.forms refuses them), and text written
into a line-based format (an iCalendar property, a mail header) must not carry them: a line break in
an event's title made its calendar file invalid.
"""

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same, less the line break, for text that keeps its paragraphs.
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str | None) -> str:
    """The text on one line: each run of control characters and spaces becomes one space."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())


def paragraphs(text: str | None) -> str:
    """The text with its line breaks (as \\n) and no other control characters."""
    return _CONTROL_BUT_NEWLINE.sub(" ", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
