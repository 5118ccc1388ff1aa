import pytest
from django.core.exceptions import ValidationError

from ambassadors.films import film_embed, validate_film_url


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        (
            "https://youtube.com/watch?v=abc-EFG_123&t=42",
            "https://www.youtube-nocookie.com/embed/abc-EFG_123",
        ),
        ("https://m.youtube.com/watch?v=abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://youtu.be/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://www.youtube.com/shorts/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://www.youtube.com/embed/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
        ("https://vimeo.com/123456789/0123abcd", "https://player.vimeo.com/video/123456789?dnt=1&h=0123abcd"),
        ("https://player.vimeo.com/video/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
    ],
)
def test_youtube_and_vimeo_links_become_privacy_friendly_embeds(url, embed):
    assert film_embed(url).embed_url == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/watch?v=abcdefghijk",
        "https://www.youtube.com.evil.example/watch?v=abcdefghijk",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/abcdefghijk",
        "https://user:pass@www.youtube.com/watch?v=abcdefghijk",
        "javascript:alert(1)//www.youtube.com/watch?v=abcdefghijk",
        "https://vimeo.com/channels/staffpicks",
        "https://www.youtube.com:8080/watch?v=abcdefghijk",
        "https://www.youtube.com:notaport/watch?v=abcdefghijk",
        'https://www.youtube.com/watch?v=abcdefghijk"><script>',
    ],
)
def test_other_links_are_refused_with_a_clear_message(url):
    assert film_embed(url) is None
    with pytest.raises(ValidationError, match="YouTube eller Vimeo"):
        validate_film_url(url)


def test_watch_link_goes_to_the_provider_page():
    assert film_embed("https://youtu.be/abcdefghijk").watch_url == "https://www.youtube.com/watch?v=abcdefghijk"
