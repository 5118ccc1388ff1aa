"""Film links on profiles: YouTube and Vimeo only, embedded from their privacy-friendly players.

The page never loads anything from these hosts by itself: static/js/ambassadors.js inserts the
player only after the visitor clicks, and the CSP's frame-src allows exactly these two hosts.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{5,12}$")
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class Film:
    provider: str
    embed_url: str
    watch_url: str


def _youtube(url) -> Film | None:
    host, parts = url.netloc.lower(), [p for p in url.path.split("/") if p]
    video_id = None
    if host == "youtu.be" and len(parts) == 1:
        video_id = parts[0]
    elif host in YOUTUBE_HOSTS:
        if parts == ["watch"]:
            video_id = (parse_qs(url.query).get("v") or [None])[0]
        elif len(parts) == 2 and parts[0] in ("embed", "shorts", "live", "v"):
            video_id = parts[1]
    if not video_id or not YOUTUBE_ID.match(video_id):
        return None
    return Film(
        "YouTube",
        f"https://www.youtube-nocookie.com/embed/{video_id}",
        f"https://www.youtube.com/watch?v={video_id}",
    )


def _vimeo(url) -> Film | None:
    host, parts = url.netloc.lower(), [p for p in url.path.split("/") if p]
    video_id = private_hash = None
    if host == "player.vimeo.com" and len(parts) == 2 and parts[0] == "video":
        video_id = parts[1]
        private_hash = (parse_qs(url.query).get("h") or [None])[0]
    elif host in ("vimeo.com", "www.vimeo.com") and len(parts) in (1, 2):
        video_id = parts[0]
        private_hash = parts[1] if len(parts) == 2 else None
    if not video_id or not VIMEO_ID.match(video_id) or (private_hash and not VIMEO_HASH.match(private_hash)):
        return None
    query = {"dnt": "1"}  # Vimeo's "do not track": no cookies or statistics about the viewer
    if private_hash:
        query["h"] = private_hash
    watch = f"https://vimeo.com/{video_id}" + (f"/{private_hash}" if private_hash else "")
    return Film("Vimeo", f"https://player.vimeo.com/video/{video_id}?{urlencode(query)}", watch)


def film_embed(value: str) -> Film | None:
    """The film behind a YouTube or Vimeo address, or None for any other address."""
    try:
        url = urlparse((value or "").strip())
        if url.scheme not in ("http", "https") or url.username or url.password or url.port:
            return None
    except ValueError:  # e.g. a port that is not a number
        return None
    return _youtube(url) or _vimeo(url)


def validate_film_url(value: str) -> None:
    if value and film_embed(value) is None:
        raise ValidationError(
            _("Ange en länk till en film på YouTube eller Vimeo, till exempel https://www.youtube.com/watch?v=…"),
            code="film_host",
        )
