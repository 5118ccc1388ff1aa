"""Swedish dates in tables and lists as Swedish writes them: "17 dec. 2026 14:00" (Django's own short
formats are ISO dates, "2026-12-17", which suit files better than pages). Everything not set here
comes from Django's Swedish formats (decimal comma, a space between thousands)."""

SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y H:i"
