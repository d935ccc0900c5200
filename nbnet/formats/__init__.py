"""How dates and times read in each language (``FORMAT_MODULE_PATH``).

Django's own locale formats are the base; these modules override what the site shows. Django
has no ``DATETIME_FORMAT`` for Estonian, so an Estonian event read "mär. 18, 2027, 10 e.l."
(the English order with a 12-hour clock); its English is American (month first, "a.m.").
Each language here has the day, month and year in its own order and a 24-hour clock:

=====  ==========================  ==================================  ===========
lang   DATE_FORMAT                 DATETIME_FORMAT                     SHORT_DATE
=====  ==========================  ==================================  ===========
en     18 March 2027               18 March 2027, 10:00                18/03/2027
lv     2027. gada 18. marts        2027. gada 18. marts, 10:00         18.03.2027
lt     2027 m. kovo 18 d.          2027 m. kovo 18 d., 10:00           2027-03-18
et     18. märts 2027              18. märts 2027, 10:00               18.03.2027
ru     18 марта 2027 г.            18 марта 2027 г., 10:00             18.03.2027
uk     18 березня 2027 р.          18 березня 2027 р., 10:00           18.03.2027
=====  ==========================  ==================================  ===========

Templates use the named formats (``|date:"DATE_FORMAT"``, ``"DATETIME_FORMAT"``,
``"SHORT_DATE_FORMAT"``, ``"TIME_FORMAT"``), never a pattern of their own; a machine-readable
date (``<time datetime>``) uses ``"c"`` or ``"Y-m-d"``. Input formats are Django's.
"""
