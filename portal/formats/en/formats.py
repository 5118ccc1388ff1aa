"""English dates in tables and lists as British English writes them: "17 Dec 2026 14:00" (Django's
own short formats are American, "12/17/2026")."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
