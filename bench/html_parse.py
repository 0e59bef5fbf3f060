"""How long the HTML reader takes on pages html.parser handles in quadratic time.

    python bench/html_parse.py

``checker.documents.html._LinearTime`` overrides two undocumented html.parser methods so
that an unclosed "<!--" or "<![" costs no search of the rest of the page. This script times
``extract_html`` on hostile pages with those overrides and without them (html.parser's own
methods), and checks that both give the same text and offsets.
"""

from __future__ import annotations

import sys
import time
from html.parser import HTMLParser

from checker.documents import html as reader

PAGES = {
    "unclosed comments": "<!--x>",
    "unclosed CDATA": "<![CDATA[>",
    "unclosed conditional comments": "<![if>",
}


class _StdlibSearch(reader._VisibleText):
    """The reader with html.parser's own search for the end of comments and sections."""

    parse_comment = HTMLParser.parse_comment
    parse_marked_section = HTMLParser.parse_marked_section


def timed(page: str, parser_class: type) -> tuple[float, tuple]:
    started = time.perf_counter()
    parser = parser_class(page)
    parser.feed(reader._defused(page, parser))
    parser.close()
    result = parser.result()
    return time.perf_counter() - started, (result.text, result.offsets)


def main() -> int:
    print(f"Python {sys.version.split()[0]}")
    print(f"{'page':32} {'copies':>7} {'overrides':>10} {'stdlib':>10}")
    for name, unit in PAGES.items():
        for copies in (2_500, 5_000, 10_000):
            page = unit * copies
            fast, fast_result = timed(page, reader._VisibleText)
            slow, slow_result = timed(page, _StdlibSearch)
            assert fast_result == slow_result, name
            print(f"{name:32} {copies:>7,} {fast:>9.3f}s {slow:>9.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
