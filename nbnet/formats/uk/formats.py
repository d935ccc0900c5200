"""Ukrainian: "18 березня 2027 р., 10:00" (the month in the genitive, ``E``; "р." for рік)."""

DATE_FORMAT = "j E Y р."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y р., H:i"
YEAR_MONTH_FORMAT = "F Y р."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
