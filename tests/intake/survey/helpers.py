"""Reading survey links out of the mail the real SMTP server received."""

import re

LINK = re.compile(r"https?://\S+/survey/[A-Za-z0-9_-]+")


def links_by_recipient(mailbox) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for message in mailbox:
        body = message.get_content()
        found.setdefault(message["To"], []).extend(LINK.findall(body))
    return found


def path_of(link: str) -> str:
    return "/survey/" + link.rsplit("/survey/", 1)[1]
