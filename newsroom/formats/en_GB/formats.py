"""Times in one format across the admin, the desk and the reader pages: 25 Sep 2022, 18:00."""

DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
