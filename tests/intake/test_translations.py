"""Every message the app can show has a Swedish translation: the catalogue holds every string
of the code and the templates (macros too), none empty, none fuzzy."""

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "intake" / "translations" / "sv" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None,
            "lazy_pgettext": ((1, "c"), 2)}


def _source_messages() -> set[tuple]:
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS,
            directory_filter=lambda path: not Path(path).name.startswith((".", "__"))):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.add((context, msgid))
    return found


def test_every_message_in_the_sources_is_translated_to_swedish():
    with open(PO, "rb") as f:
        catalog = read_po(f)
    translated = {}
    for m in catalog:
        if not m.id:
            continue
        msgid = m.id[0] if isinstance(m.id, tuple) else m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        translated[(m.context, msgid)] = all(strings) and not m.fuzzy
    missing = sorted(k[1] for k in _source_messages() if not translated.get(k))
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)
