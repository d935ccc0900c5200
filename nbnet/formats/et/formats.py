"""Estonian: "18. märts 2027, 10:00". Django has no DATETIME_FORMAT for Estonian and fell
back to the English "N j, Y, P" ("mär. 18, 2027, 10 e.l.")."""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j. F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
