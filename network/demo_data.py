"""Demo data of the directory: taxonomies, organisations, people and twin cities in five languages.

The people are fictional (names, e-mails at example.org, phones in unassigned ranges);
organisations are the kind the network's founding documents list as partners.
Texts about people are composed from translated sentences so every language reads
naturally, including grammatical gender where Latvian and Lithuanian need it.
"""

# code: (region, en, lv, lt, et, ru)
COUNTRIES = {
    "LV": ("baltic", "Latvia", "Latvija", "Latvija", "Läti", "Латвия"),
    "LT": ("baltic", "Lithuania", "Lietuva", "Lietuva", "Leedu", "Литва"),
    "EE": ("baltic", "Estonia", "Igaunija", "Estija", "Eesti", "Эстония"),
    "DK": ("nordic", "Denmark", "Dānija", "Danija", "Taani", "Дания"),
    "FI": ("nordic", "Finland", "Somija", "Suomija", "Soome", "Финляндия"),
    "IS": ("nordic", "Iceland", "Islande", "Islandija", "Island", "Исландия"),
    "NO": ("nordic", "Norway", "Norvēģija", "Norvegija", "Norra", "Норвегия"),
    "SE": ("nordic", "Sweden", "Zviedrija", "Švedija", "Rootsi", "Швеция"),
}

# slug: (country, en, (lv name, in lv), (lt name, in lt), (et name, in et), (ru name, in ru))
CITIES = {
    "riga": ("LV", "Riga", ("Rīga", "Rīgā"), ("Ryga", "Rygoje"), ("Riia", "Riias"), ("Рига", "в Риге")),
    "jelgava": (
        "LV",
        "Jelgava",
        ("Jelgava", "Jelgavā"),
        ("Jelgava", "Jelgavoje"),
        ("Jelgava", "Jelgavas"),
        ("Елгава", "в Елгаве"),
    ),
    "valmiera": (
        "LV",
        "Valmiera",
        ("Valmiera", "Valmierā"),
        ("Valmiera", "Valmieroje"),
        ("Valmiera", "Valmieras"),
        ("Валмиера", "в Валмиере"),
    ),
    "ventspils": (
        "LV",
        "Ventspils",
        ("Ventspils", "Ventspilī"),
        ("Ventspilis", "Ventspilyje"),
        ("Ventspils", "Ventspilsis"),
        ("Вентспилс", "в Вентспилсе"),
    ),
    "valka": (
        "LV",
        "Valka",
        ("Valka", "Valkā"),
        ("Valka", "Valkoje"),
        ("Valka", "Valkas"),
        ("Валка", "в Валке"),
    ),
    "vilnius": (
        "LT",
        "Vilnius",
        ("Viļņa", "Viļņā"),
        ("Vilnius", "Vilniuje"),
        ("Vilnius", "Vilniuses"),
        ("Вильнюс", "в Вильнюсе"),
    ),
    "kaunas": (
        "LT",
        "Kaunas",
        ("Kauņa", "Kauņā"),
        ("Kaunas", "Kaune"),
        ("Kaunas", "Kaunases"),
        ("Каунас", "в Каунасе"),
    ),
    "klaipeda": (
        "LT",
        "Klaipėda",
        ("Klaipēda", "Klaipēdā"),
        ("Klaipėda", "Klaipėdoje"),
        ("Klaipėda", "Klaipėdas"),
        ("Клайпеда", "в Клайпеде"),
    ),
    "tallinn": (
        "EE",
        "Tallinn",
        ("Tallina", "Tallinā"),
        ("Talinas", "Taline"),
        ("Tallinn", "Tallinnas"),
        ("Таллин", "в Таллине"),
    ),
    "tartu": (
        "EE",
        "Tartu",
        ("Tartu", "Tartu"),
        ("Tartu", "Tartu"),
        ("Tartu", "Tartus"),
        ("Тарту", "в Тарту"),
    ),
    "valga": (
        "EE",
        "Valga",
        ("Valga", "Valgā"),
        ("Valga", "Valgoje"),
        ("Valga", "Valgas"),
        ("Валга", "в Валге"),
    ),
    "narva": (
        "EE",
        "Narva",
        ("Narva", "Narvā"),
        ("Narva", "Narvoje"),
        ("Narva", "Narvas"),
        ("Нарва", "в Нарве"),
    ),
    "copenhagen": (
        "DK",
        "Copenhagen",
        ("Kopenhāgena", "Kopenhāgenā"),
        ("Kopenhaga", "Kopenhagoje"),
        ("Kopenhaagen", "Kopenhaagenis"),
        ("Копенгаген", "в Копенгагене"),
    ),
    "aarhus": (
        "DK",
        "Aarhus",
        ("Orhūsa", "Orhūsā"),
        ("Orhusas", "Orhuse"),
        ("Aarhus", "Aarhusis"),
        ("Орхус", "в Орхусе"),
    ),
    "helsinki": (
        "FI",
        "Helsinki",
        ("Helsinki", "Helsinkos"),
        ("Helsinkis", "Helsinkyje"),
        ("Helsingi", "Helsingis"),
        ("Хельсинки", "в Хельсинки"),
    ),
    "tampere": (
        "FI",
        "Tampere",
        ("Tampere", "Tamperē"),
        ("Tamperė", "Tamperėje"),
        ("Tampere", "Tamperes"),
        ("Тампере", "в Тампере"),
    ),
    "reykjavik": (
        "IS",
        "Reykjavík",
        ("Reikjavīka", "Reikjavīkā"),
        ("Reikjavikas", "Reikjavike"),
        ("Reykjavík", "Reykjavíkis"),
        ("Рейкьявик", "в Рейкьявике"),
    ),
    "oslo": ("NO", "Oslo", ("Oslo", "Oslo"), ("Oslas", "Osle"), ("Oslo", "Oslos"), ("Осло", "в Осло")),
    "bergen": (
        "NO",
        "Bergen",
        ("Bergena", "Bergenā"),
        ("Bergenas", "Bergene"),
        ("Bergen", "Bergenis"),
        ("Берген", "в Бергене"),
    ),
    "stockholm": (
        "SE",
        "Stockholm",
        ("Stokholma", "Stokholmā"),
        ("Stokholmas", "Stokholme"),
        ("Stockholm", "Stockholmis"),
        ("Стокгольм", "в Стокгольме"),
    ),
    "malmo": (
        "SE",
        "Malmö",
        ("Malme", "Malmē"),
        ("Malmė", "Malmėje"),
        ("Malmö", "Malmös"),
        ("Мальмё", "в Мальмё"),
    ),
}

# slug: (latitude, longitude) of the town centre, decimal degrees (WGS 84), for the maps. Valka
# and Valga are one town across the Latvian-Estonian border: each point is on its own side.
CITY_COORDINATES = {
    "riga": (56.94965, 24.10519),
    "jelgava": (56.65110, 23.72140),
    "valmiera": (57.54110, 25.42750),
    "ventspils": (57.38940, 21.56060),
    "valka": (57.77560, 26.01670),
    "vilnius": (54.68720, 25.27970),
    "kaunas": (54.89850, 23.90360),
    "klaipeda": (55.70330, 21.14430),
    "tallinn": (59.43700, 24.75360),
    "tartu": (58.37800, 26.72900),
    "valga": (57.78330, 26.05000),
    "narva": (59.37720, 28.19030),
    "copenhagen": (55.67610, 12.56830),
    "aarhus": (56.16290, 10.20390),
    "helsinki": (60.16990, 24.93840),
    "tampere": (61.49780, 23.76100),
    "reykjavik": (64.14660, -21.94260),
    "oslo": (59.91390, 10.75220),
    "bergen": (60.39130, 5.32210),
    "stockholm": (59.32930, 18.06860),
    "malmo": (55.60500, 13.00380),
}

# slug: (en, lv, lt, et, ru)
THEMES = {
    "local-integration-planning": (
        "Local integration planning",
        "Vietējā integrācijas plānošana",
        "Vietos integracijos planavimas",
        "Kohalik lõimumise planeerimine",
        "Местное планирование интеграции",
    ),
    "education": ("Education", "Izglītība", "Švietimas", "Haridus", "Образование"),
    "employment": ("Employment", "Nodarbinātība", "Užimtumas", "Tööhõive", "Занятость"),
    "housing": ("Housing", "Mājoklis", "Būstas", "Eluase", "Жильё"),
    "health": ("Health", "Veselība", "Sveikata", "Tervis", "Здравоохранение"),
    "roma-inclusion": (
        "Roma inclusion",
        "Romu iekļaušana",
        "Romų įtrauktis",
        "Romade kaasamine",
        "Интеграция ромов",
    ),
    "data-and-evidence": (
        "Data and evidence",
        "Dati un pierādījumi",
        "Duomenys ir įrodymai",
        "Andmed ja tõenduspõhisus",
        "Данные и доказательная политика",
    ),
    "language-learning": (
        "Language learning",
        "Valodas apguve",
        "Kalbos mokymasis",
        "Keeleõpe",
        "Изучение языка",
    ),
    "civic-participation": (
        "Civic participation",
        "Pilsoniskā līdzdalība",
        "Pilietinis dalyvavimas",
        "Kodanikuosalus",
        "Гражданское участие",
    ),
}

TARGET_GROUPS = {
    "refugees": ("Refugees", "Bēgļi", "Pabėgėliai", "Pagulased", "Беженцы"),
    "asylum-seekers": (
        "Asylum seekers",
        "Patvēruma meklētāji",
        "Prieglobsčio prašytojai",
        "Varjupaigataotlejad",
        "Лица, ищущие убежища",
    ),
    "temporary-protection": (
        "Beneficiaries of temporary protection",
        "Pagaidu aizsardzības saņēmēji",
        "Laikinosios apsaugos gavėjai",
        "Ajutise kaitse saajad",
        "Получатели временной защиты",
    ),
    "labour-migrants": (
        "Labour migrants",
        "Darba migranti",
        "Darbo migrantai",
        "Töömigrandid",
        "Трудовые мигранты",
    ),
    "roma": ("Roma", "Romi", "Romai", "Romad", "Ромы"),
    "youth": ("Youth", "Jaunieši", "Jaunimas", "Noored", "Молодёжь"),
    "women": ("Women", "Sievietes", "Moterys", "Naised", "Женщины"),
}

SPOKEN_LANGUAGES = {
    "en": "English",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "et": "Estonian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "de": "German",
    "fr": "French",
    "ar": "Arabic",
    "fa": "Persian",
    "sv": "Swedish",
    "fi": "Finnish",
    "da": "Danish",
    "nb": "Norwegian",
    "is": "Icelandic",
    "pl": "Polish",
    "rom": "Romani",
}

# Organisation descriptions by type: (en, lv, lt, et, ru)
TYPE_DESCRIPTIONS = {
    "ministry": (
        "A state institution that shapes integration policy and funds services.",
        "Valsts iestāde, kas veido integrācijas politiku un finansē pakalpojumus.",
        "Valstybės institucija, formuojanti integracijos politiką ir finansuojanti paslaugas.",
        "Riigiasutus, mis kujundab lõimumispoliitikat ja rahastab teenuseid.",
        "Государственное учреждение, которое формирует политику интеграции и финансирует услуги.",
    ),
    "municipality": (
        "A local government that runs social services, schools and housing support for newcomers.",
        "Pašvaldība, kas nodrošina jaunpienācējiem sociālos pakalpojumus, skolas un mājokļa atbalstu.",
        "Savivaldybė, teikianti atvykėliams socialines paslaugas, mokyklas ir paramą būstui.",
        "Kohalik omavalitsus, mis korraldab uustulnukatele sotsiaalteenuseid, koolikohti ja eluasemetoetust.",
        "Местное самоуправление, которое обеспечивает новоприбывших социальными услугами, школами и "
        "жилищной поддержкой.",
    ),
    "ngo": (
        "A non-governmental organisation that gives newcomers advice, courses and practical help.",
        "Nevalstiska organizācija, kas sniedz jaunpienācējiem konsultācijas, kursus un praktisku palīdzību.",
        "Nevyriausybinė organizacija, teikianti atvykėliams konsultacijas, kursus ir praktinę pagalbą.",
        "Valitsusväline organisatsioon, mis pakub uustulnukatele nõustamist, kursusi ja praktilist abi.",
        "Неправительственная организация, которая предлагает новоприбывшим консультации, курсы и "
        "практическую помощь.",
    ),
    "migrant_led": (
        "An organisation led by refugees and immigrants themselves.",
        "Organizācija, ko vada paši bēgļi un imigranti.",
        "Organizacija, kuriai vadovauja patys pabėgėliai ir imigrantai.",
        "Organisatsioon, mida juhivad pagulased ja sisserändajad ise.",
        "Организация, которой руководят сами беженцы и иммигранты.",
    ),
    "roma": (
        "A Roma community organisation working with families, youth and schools.",
        "Romu kopienas organizācija, kas strādā ar ģimenēm, jauniešiem un skolām.",
        "Romų bendruomenės organizacija, dirbanti su šeimomis, jaunimu ir mokyklomis.",
        "Romade kogukonna organisatsioon, mis töötab perede, noorte ja koolidega.",
        "Организация ромской общины, работающая с семьями, молодёжью и школами.",
    ),
    "international": (
        "An international organisation that connects the countries of the region.",
        "Starptautiska organizācija, kas savieno reģiona valstis.",
        "Tarptautinė organizacija, jungianti regiono šalis.",
        "Rahvusvaheline organisatsioon, mis ühendab piirkonna riike.",
        "Международная организация, объединяющая страны региона.",
    ),
    "research": (
        "A university or think tank that studies migration and integration.",
        "Universitāte vai domnīca, kas pēta migrāciju un integrāciju.",
        "Universitetas arba analitinis centras, tiriantis migraciją ir integraciją.",
        "Ülikool või mõttekoda, mis uurib rännet ja lõimumist.",
        "Университет или аналитический центр, изучающий миграцию и интеграцию.",
    ),
    "red_cross": (
        "A national Red Cross society that supports asylum seekers and refugees.",
        "Nacionālā Sarkanā Krusta biedrība, kas atbalsta patvēruma meklētājus un bēgļus.",
        "Nacionalinė Raudonojo Kryžiaus draugija, remianti prieglobsčio prašytojus ir pabėgėlius.",
        "Riiklik Punase Risti selts, mis toetab varjupaigataotlejaid ja pagulasi.",
        "Национальное общество Красного Креста, которое поддерживает лиц, ищущих убежища, и беженцев.",
    ),
    "association": (
        "An association that brings local governments together.",
        "Apvienība, kas saved kopā pašvaldības.",
        "Asociacija, vienijanti savivaldybes.",
        "Liit, mis toob kokku kohalikud omavalitsused.",
        "Объединение, которое сводит вместе местные самоуправления.",
    ),
}

# slug: (type, country, city, website, (en, lv, lt, et, ru))
ORGANISATIONS = {
    "providus": ("research", "LV", "riga", "https://providus.lv", ("PROVIDUS",) * 5),
    "latvian-red-cross": (
        "red_cross",
        "LV",
        "riga",
        "https://www.redcross.lv",
        (
            "Latvian Red Cross",
            "Latvijas Sarkanais Krusts",
            "Latvijos Raudonasis Kryžius",
            "Läti Punane Rist",
            "Латвийский Красный Крест",
        ),
    ),
    "shelter-safe-house": (
        "ngo",
        "LV",
        "riga",
        "",
        (
            "Shelter “Safe House”",
            "Patvērums “Drošā māja”",
            "Prieglauda „Saugūs namai“",
            "Varjupaik „Turvaline kodu“",
            "Приют «Безопасный дом»",
        ),
    ),
    "i-want-to-help-refugees": (
        "ngo",
        "LV",
        "riga",
        "",
        (
            "“I Want to Help Refugees”",
            "“Gribu palīdzēt bēgļiem”",
            "„Noriu padėti pabėgėliams“",
            "„Tahan aidata põgenikke“",
            "«Хочу помочь беженцам»",
        ),
    ),
    "society-integration-foundation": (
        "ministry",
        "LV",
        "riga",
        "https://www.sif.gov.lv",
        (
            "Society Integration Foundation",
            "Sabiedrības integrācijas fonds",
            "Visuomenės integracijos fondas",
            "Ühiskonna Integratsiooni Fond",
            "Фонд общественной интеграции",
        ),
    ),
    "latvian-association-of-local-governments": (
        "association",
        "LV",
        "riga",
        "",
        (
            "Latvian Association of Local and Regional Governments",
            "Latvijas Pašvaldību savienība",
            "Latvijos savivaldybių sąjunga",
            "Läti Omavalitsuste Liit",
            "Союз самоуправлений Латвии",
        ),
    ),
    "latvian-ministry-of-culture": (
        "ministry",
        "LV",
        "riga",
        "",
        (
            "Ministry of Culture of Latvia",
            "Latvijas Republikas Kultūras ministrija",
            "Latvijos kultūros ministerija",
            "Läti Kultuuriministeerium",
            "Министерство культуры Латвии",
        ),
    ),
    "jelgava-municipality": (
        "municipality",
        "LV",
        "jelgava",
        "",
        (
            "Jelgava State City Municipality",
            "Jelgavas valstspilsētas pašvaldība",
            "Jelgavos miesto savivaldybė",
            "Jelgava linnaomavalitsus",
            "Самоуправление города Елгава",
        ),
    ),
    "valka-municipality": (
        "municipality",
        "LV",
        "valka",
        "",
        (
            "Valka Municipality",
            "Valkas novada pašvaldība",
            "Valkos savivaldybė",
            "Valka omavalitsus",
            "Самоуправление Валкского края",
        ),
    ),
    "jelgava-roma-community": (
        "roma",
        "LV",
        "jelgava",
        "",
        (
            "Jelgava Roma Community Association",
            "Jelgavas romu kopienas biedrība",
            "Jelgavos romų bendruomenės asociacija",
            "Jelgava Romade Kogukonna Ühing",
            "Общество ромской общины Елгавы",
        ),
    ),
    "lithuanian-red-cross": (
        "red_cross",
        "LT",
        "vilnius",
        "",
        (
            "Lithuanian Red Cross",
            "Lietuvas Sarkanais Krusts",
            "Lietuvos Raudonasis Kryžius",
            "Leedu Punane Rist",
            "Литовский Красный Крест",
        ),
    ),
    "lithuanian-refugee-council": (
        "ngo",
        "LT",
        "vilnius",
        "",
        (
            "Lithuanian Refugee Council",
            "Lietuvas Bēgļu padome",
            "Lietuvos pabėgėlių taryba",
            "Leedu Pagulasnõukogu",
            "Литовский совет по делам беженцев",
        ),
    ),
    "diversity-development-group": (
        "research",
        "LT",
        "vilnius",
        "",
        (
            "Diversity Development Group",
            "Dažādības attīstības grupa",
            "Įvairovės plėtros grupė",
            "Mitmekesisuse Arengu Grupp",
            "Группа развития многообразия",
        ),
    ),
    "association-of-local-authorities-lithuania": (
        "association",
        "LT",
        "vilnius",
        "",
        (
            "Association of Local Authorities in Lithuania",
            "Lietuvas Pašvaldību asociācija",
            "Lietuvos savivaldybių asociacija",
            "Leedu Omavalitsuste Liit",
            "Ассоциация самоуправлений Литвы",
        ),
    ),
    "kaunas-municipality": (
        "municipality",
        "LT",
        "kaunas",
        "",
        (
            "Kaunas City Municipality",
            "Kauņas pilsētas pašvaldība",
            "Kauno miesto savivaldybė",
            "Kaunase linnavalitsus",
            "Самоуправление города Каунаса",
        ),
    ),
    "university-of-tartu": (
        "research",
        "EE",
        "tartu",
        "https://ut.ee",
        (
            "University of Tartu",
            "Tartu Universitāte",
            "Tartu universitetas",
            "Tartu Ülikool",
            "Тартуский университет",
        ),
    ),
    "tartu-international-house": (
        "municipality",
        "EE",
        "tartu",
        "",
        (
            "Tartu International House",
            "Tartu Starptautiskais nams",
            "Tartu tarptautiniai namai",
            "Tartu Rahvusvaheline Maja",
            "Международный дом Тарту",
        ),
    ),
    "estonian-refugee-council": (
        "ngo",
        "EE",
        "tallinn",
        "",
        (
            "Estonian Refugee Council",
            "Igaunijas Bēgļu padome",
            "Estijos pabėgėlių taryba",
            "Eesti Pagulasabi",
            "Эстонский совет по делам беженцев",
        ),
    ),
    "johannes-mihkelson-centre": (
        "ngo",
        "EE",
        "tallinn",
        "",
        (
            "Johannes Mihkelson Centre",
            "Johannesa Mihkelsona centrs",
            "Johanneso Mihkelsono centras",
            "Johannes Mihkelsoni Keskus",
            "Центр Йоханнеса Михкельсона",
        ),
    ),
    "valga-municipality": (
        "municipality",
        "EE",
        "valga",
        "",
        (
            "Valga Municipality",
            "Valgas pašvaldība",
            "Valgos savivaldybė",
            "Valga Vallavalitsus",
            "Волость Валга",
        ),
    ),
    "ukrainian-families-tallinn": (
        "migrant_led",
        "EE",
        "tallinn",
        "",
        (
            "Ukrainian Families in Tallinn",
            "Ukraiņu ģimenes Tallinā",
            "Ukrainiečių šeimos Taline",
            "Ukraina pered Tallinnas",
            "Украинские семьи в Таллине",
        ),
    ),
    "nordic-council-of-ministers-latvia": (
        "international",
        "LV",
        "riga",
        "",
        (
            "Nordic Council of Ministers' Office in Latvia",
            "Ziemeļvalstu Ministru padomes birojs Latvijā",
            "Šiaurės ministrų tarybos biuras Latvijoje",
            "Põhjamaade Ministrite Nõukogu büroo Lätis",
            "Бюро Совета министров Северных стран в Латвии",
        ),
    ),
    "unhcr-nordic-baltic": (
        "international",
        "SE",
        "stockholm",
        "",
        (
            "UNHCR Representation for the Nordic and Baltic Countries",
            "UNHCR pārstāvniecība Ziemeļvalstīs un Baltijas valstīs",
            "UNHCR atstovybė Šiaurės ir Baltijos šalims",
            "UNHCR-i Põhja- ja Balti riikide esindus",
            "Представительство УВКБ ООН в Северных и Балтийских странах",
        ),
    ),
    "nordic-welfare-centre": (
        "international",
        "FI",
        "helsinki",
        "",
        (
            "Nordic Welfare Centre",
            "Ziemeļvalstu Labklājības centrs",
            "Šiaurės šalių gerovės centras",
            "Põhjamaade Heaolukeskus",
            "Северный центр благосостояния",
        ),
    ),
    "city-of-malmo": (
        "municipality",
        "SE",
        "malmo",
        "",
        ("City of Malmö", "Malmes pilsēta", "Malmės miestas", "Malmö linn", "Город Мальмё"),
    ),
    "city-of-tampere": (
        "municipality",
        "FI",
        "tampere",
        "",
        ("City of Tampere", "Tamperes pilsēta", "Tamperės miestas", "Tampere linn", "Город Тампере"),
    ),
    "aarhus-municipality": (
        "municipality",
        "DK",
        "aarhus",
        "",
        (
            "Aarhus Municipality",
            "Orhūsas pašvaldība",
            "Orhuso savivaldybė",
            "Aarhusi omavalitsus",
            "Коммуна Орхус",
        ),
    ),
    "bergen-municipality": (
        "municipality",
        "NO",
        "bergen",
        "",
        (
            "Bergen Municipality",
            "Bergenas pašvaldība",
            "Bergeno savivaldybė",
            "Bergeni omavalitsus",
            "Коммуна Берген",
        ),
    ),
    "reykjavik-city": (
        "municipality",
        "IS",
        "reykjavik",
        "",
        ("Reykjavík City", "Reikjavīkas pilsēta", "Reikjaviko miestas", "Reykjavíki linn", "Город Рейкьявик"),
    ),
    # State institutions that newcomers meet first; the guides' help points are at their offices.
    "office-of-citizenship-and-migration-affairs": (
        "ministry",
        "LV",
        "riga",
        "https://www.pmlp.gov.lv",
        (
            "Office of Citizenship and Migration Affairs",
            "Pilsonības un migrācijas lietu pārvalde",
            "Pilietybės ir migracijos reikalų valdyba (Latvija)",
            "Kodakondsus- ja Migratsiooniamet (Läti)",
            "Управление по делам гражданства и миграции",
        ),
    ),
    "state-employment-agency-latvia": (
        "ministry",
        "LV",
        "riga",
        "https://www.nva.gov.lv",
        (
            "State Employment Agency",
            "Nodarbinātības valsts aģentūra",
            "Valstybinė užimtumo agentūra (Latvija)",
            "Riiklik Tööhõiveagentuur (Läti)",
            "Государственное агентство занятости",
        ),
    ),
    "migration-department-lithuania": (
        "ministry",
        "LT",
        "vilnius",
        "https://migracija.lrv.lt",
        (
            "Migration Department",
            "Migrācijas departaments",
            "Migracijos departamentas",
            "Migratsiooniosakond (Leedu)",
            "Департамент миграции",
        ),
    ),
    "employment-service-lithuania": (
        "ministry",
        "LT",
        "vilnius",
        "https://uzt.lt",
        (
            "Employment Service",
            "Nodarbinātības dienests (Lietuva)",
            "Užimtumo tarnyba",
            "Tööhõiveteenistus (Leedu)",
            "Служба занятости",
        ),
    ),
    "police-and-border-guard-board": (
        "ministry",
        "EE",
        "tallinn",
        "https://www.politsei.ee",
        (
            "Police and Border Guard Board",
            "Policijas un robežsardzes departaments (Igaunija)",
            "Policijos ir pasieniečių departamentas",
            "Politsei- ja Piirivalveamet",
            "Департамент полиции и погранохраны",
        ),
    ),
    "unemployment-insurance-fund": (
        "ministry",
        "EE",
        "tallinn",
        "https://www.tootukassa.ee",
        (
            "Unemployment Insurance Fund",
            "Bezdarba apdrošināšanas fonds (Igaunija)",
            "Nedarbo draudimo fondas (Estija)",
            "Eesti Töötukassa",
            "Касса по безработице",
        ),
    ),
    "finnish-immigration-service": (
        "ministry",
        "FI",
        "helsinki",
        "https://migri.fi",
        (
            "Finnish Immigration Service",
            "Somijas Imigrācijas dienests",
            "Suomijos imigracijos tarnyba",
            "Soome Migratsiooniamet",
            "Миграционная служба Финляндии",
        ),
    ),
    "kela": (
        "ministry",
        "FI",
        "helsinki",
        "https://www.kela.fi",
        (
            "Kela – Social Insurance Institution of Finland",
            "Kela – Somijas Sociālās apdrošināšanas iestāde",
            "Kela – Suomijos socialinio draudimo įstaiga",
            "Kela – Soome Sotsiaalkindlustusamet",
            "Kela – Управление социального страхования Финляндии",
        ),
    ),
}

# role: {language: (display m, display f, sentence m, sentence f)}; "{city}" reads "in <city>".
ROLES = {
    "social-worker": {
        "en": ("Municipal social worker",) * 2 + ("Works as a municipal social worker {city}.",) * 2,
        "lv": (
            "Pašvaldības sociālais darbinieks",
            "Pašvaldības sociālā darbiniece",
            "Strādā {city} par pašvaldības sociālo darbinieku.",
            "Strādā {city} par pašvaldības sociālo darbinieci.",
        ),
        "lt": (
            "Savivaldybės socialinis darbuotojas",
            "Savivaldybės socialinė darbuotoja",
            "Dirba savivaldybės socialiniu darbuotoju {city}.",
            "Dirba savivaldybės socialine darbuotoja {city}.",
        ),
        "et": ("Omavalitsuse sotsiaaltöötaja",) * 2 + ("Töötab {city} omavalitsuse sotsiaaltöötajana.",) * 2,
        "ru": ("Социальный работник самоуправления",) * 2
        + ("Работает {city} социальным работником самоуправления.",) * 2,
    },
    "roma-mediator": {
        "en": ("Roma mediator",) * 2
        + ("Works as a Roma mediator {city}, between families, schools and social services.",) * 2,
        "lv": (
            "Romu mediators",
            "Romu mediatore",
            "Strādā {city} par romu mediatoru starp ģimenēm, skolām un sociālo dienestu.",
            "Strādā {city} par romu mediatori starp ģimenēm, skolām un sociālo dienestu.",
        ),
        "lt": (
            "Romų mediatorius",
            "Romų mediatorė",
            "Dirba romų mediatoriumi {city} – tarp šeimų, mokyklų ir socialinių tarnybų.",
            "Dirba romų mediatore {city} – tarp šeimų, mokyklų ir socialinių tarnybų.",
        ),
        "et": ("Romade mediaator",) * 2
        + ("Töötab {city} romade mediaatorina perede, koolide ja sotsiaalteenuste vahel.",) * 2,
        "ru": ("Ромский медиатор",) * 2
        + ("Работает {city} ромским медиатором между семьями, школами и социальными службами.",) * 2,
    },
    "ngo-coordinator": {
        "en": ("NGO project coordinator",) * 2
        + ("Coordinates projects for newcomers at an NGO {city}.",) * 2,
        "lv": ("NVO projektu koordinators", "NVO projektu koordinatore")
        + ("Koordinē projektus jaunpienācējiem nevalstiskajā organizācijā {city}.",) * 2,
        "lt": ("NVO projektų koordinatorius", "NVO projektų koordinatorė")
        + ("Koordinuoja projektus atvykėliams nevyriausybinėje organizacijoje {city}.",) * 2,
        "et": ("MTÜ projektijuht",) * 2 + ("Koordineerib {city} MTÜ-s uustulnukatele mõeldud projekte.",) * 2,
        "ru": ("Координатор проектов НКО",) * 2
        + ("Координирует проекты для новоприбывших в некоммерческой организации {city}.",) * 2,
    },
    "policy-officer": {
        "en": ("Integration policy officer",) * 2 + ("Works on national integration policy {city}.",) * 2,
        "lv": ("Integrācijas politikas speciālists", "Integrācijas politikas speciāliste")
        + ("Strādā {city} pie valsts integrācijas politikas.",) * 2,
        "lt": ("Integracijos politikos specialistas", "Integracijos politikos specialistė")
        + ("Dirba su nacionaline integracijos politika {city}.",) * 2,
        "et": ("Lõimumispoliitika nõunik",) * 2 + ("Tegeleb {city} riikliku lõimumispoliitikaga.",) * 2,
        "ru": ("Специалист по политике интеграции",) * 2
        + ("Занимается {city} национальной политикой интеграции.",) * 2,
    },
    "researcher": {
        "en": ("Migration researcher",) * 2 + ("Researches migration and integration {city}.",) * 2,
        "lv": ("Migrācijas pētnieks", "Migrācijas pētniece") + ("Pēta migrāciju un integrāciju {city}.",) * 2,
        "lt": ("Migracijos tyrėjas", "Migracijos tyrėja") + ("Tiria migraciją ir integraciją {city}.",) * 2,
        "et": ("Rändeuurija",) * 2 + ("Uurib {city} rännet ja lõimumist.",) * 2,
        "ru": ("Исследователь миграции",) * 2 + ("Исследует миграцию и интеграцию {city}.",) * 2,
    },
    "language-coordinator": {
        "en": ("Language course coordinator",) * 2 + ("Runs language courses for adults {city}.",) * 2,
        "lv": ("Valodu kursu koordinators", "Valodu kursu koordinatore")
        + ("Vada valodu kursus pieaugušajiem {city}.",) * 2,
        "lt": ("Kalbų kursų koordinatorius", "Kalbų kursų koordinatorė")
        + ("Organizuoja kalbų kursus suaugusiesiems {city}.",) * 2,
        "et": ("Keelekursuste koordinaator",) * 2 + ("Korraldab {city} täiskasvanutele keelekursusi.",) * 2,
        "ru": ("Координатор языковых курсов",) * 2 + ("Организует языковые курсы для взрослых {city}.",) * 2,
    },
    "employment-counsellor": {
        "en": ("Employment counsellor",) * 2 + ("Helps newcomers find work {city}.",) * 2,
        "lv": ("Nodarbinātības konsultants", "Nodarbinātības konsultante")
        + ("Palīdz jaunpienācējiem atrast darbu {city}.",) * 2,
        "lt": ("Užimtumo konsultantas", "Užimtumo konsultantė")
        + ("Padeda atvykėliams susirasti darbą {city}.",) * 2,
        "et": ("Karjäärinõustaja",) * 2 + ("Aitab {city} uustulnukatel tööd leida.",) * 2,
        "ru": ("Консультант по трудоустройству",) * 2 + ("Помогает новоприбывшим найти работу {city}.",) * 2,
    },
    "one-stop-shop": {
        "en": ("Head of a one-stop shop for newcomers",) * 2
        + ("Leads the one-stop shop where newcomers {city} get their first services in one place.",) * 2,
        "lv": (
            "Jaunpienācēju vienas pieturas aģentūras vadītājs",
            "Jaunpienācēju vienas pieturas aģentūras vadītāja",
        )
        + ("Vada vienas pieturas aģentūru, kur jaunpienācēji {city} saņem pirmos pakalpojumus vienuviet.",)
        * 2,
        "lt": ("Atvykėlių vieno langelio centro vadovas", "Atvykėlių vieno langelio centro vadovė")
        + (
            "Vadovauja vieno langelio centrui, kuriame atvykėliai {city} gauna pirmąsias paslaugas vienoje vietoje.",
        )
        * 2,
        "et": ("Uustulnukate teeninduskeskuse juht",) * 2
        + ("Juhib teeninduskeskust, kus uustulnukad saavad {city} esimesed teenused ühest kohast.",) * 2,
        "ru": ("Руководитель центра «одного окна» для новоприбывших",) * 2
        + ("Руководит центром «одного окна», где новоприбывшие {city} получают первые услуги в одном месте.",)
        * 2,
    },
    "housing-adviser": {
        "en": ("Housing adviser",) * 2 + ("Advises refugees and municipalities on housing {city}.",) * 2,
        "lv": ("Mājokļu konsultants", "Mājokļu konsultante")
        + ("Konsultē bēgļus un pašvaldības mājokļu jautājumos {city}.",) * 2,
        "lt": ("Būsto konsultantas", "Būsto konsultantė")
        + ("Konsultuoja pabėgėlius ir savivaldybes būsto klausimais {city}.",) * 2,
        "et": ("Eluasemenõustaja",) * 2
        + ("Nõustab {city} pagulasi ja omavalitsusi eluasemeküsimustes.",) * 2,
        "ru": ("Консультант по жилищным вопросам",) * 2
        + ("Консультирует беженцев и самоуправления по жилищным вопросам {city}.",) * 2,
    },
}

# theme: the sentence that says what a person focuses on (en, lv, lt, et, ru)
FOCUS = {
    "local-integration-planning": (
        "Focuses on local integration planning and cooperation between institutions.",
        "Galvenā darba joma ir vietējā integrācijas plānošana un iestāžu sadarbība.",
        "Daugiausia dėmesio skiria vietos integracijos planavimui ir institucijų bendradarbiavimui.",
        "Keskendub kohalikule lõimumise planeerimisele ja asutuste koostööle.",
        "Основное направление работы — местное планирование интеграции и сотрудничество учреждений.",
    ),
    "education": (
        "Focuses on schooling for newcomer children and on adult education.",
        "Galvenā darba joma ir jaunpienācēju bērnu skolas gaitas un pieaugušo izglītība.",
        "Daugiausia dėmesio skiria atvykėlių vaikų mokymuisi mokykloje ir suaugusiųjų švietimui.",
        "Keskendub uustulnukate laste kooliharidusele ja täiskasvanuharidusele.",
        "Основное направление работы — обучение детей новоприбывших в школе и образование взрослых.",
    ),
    "employment": (
        "Focuses on access to work and the recognition of qualifications.",
        "Galvenā darba joma ir piekļuve darbam un kvalifikāciju atzīšana.",
        "Daugiausia dėmesio skiria galimybei dirbti ir kvalifikacijų pripažinimui.",
        "Keskendub tööle pääsemisele ja kvalifikatsioonide tunnustamisele.",
        "Основное направление работы — доступ к работе и признание квалификаций.",
    ),
    "housing": (
        "Focuses on housing support and finding a first home.",
        "Galvenā darba joma ir mājokļa atbalsts un pirmā mājokļa atrašana.",
        "Daugiausia dėmesio skiria paramai būstui ir pirmųjų namų paieškai.",
        "Keskendub eluasemetoetusele ja esimese kodu leidmisele.",
        "Основное направление работы — жилищная поддержка и поиск первого жилья.",
    ),
    "health": (
        "Focuses on access to health care and mental health support.",
        "Galvenā darba joma ir veselības aprūpes pieejamība un garīgās veselības atbalsts.",
        "Daugiausia dėmesio skiria sveikatos priežiūros prieinamumui ir psichikos sveikatos pagalbai.",
        "Keskendub tervishoiule juurdepääsule ja vaimse tervise toele.",
        "Основное направление работы — доступ к медицинской помощи и поддержка психического здоровья.",
    ),
    "roma-inclusion": (
        "Focuses on Roma inclusion and on dialogue between Roma families and institutions.",
        "Galvenā darba joma ir romu iekļaušana un dialogs starp romu ģimenēm un iestādēm.",
        "Daugiausia dėmesio skiria romų įtraukčiai ir romų šeimų bei institucijų dialogui.",
        "Keskendub romade kaasamisele ning romade perede ja asutuste dialoogile.",
        "Основное направление работы — интеграция ромов и диалог между ромскими семьями и учреждениями.",
    ),
    "data-and-evidence": (
        "Focuses on data collection and evidence for integration policy.",
        "Galvenā darba joma ir datu vākšana un pierādījumi integrācijas politikai.",
        "Daugiausia dėmesio skiria duomenų rinkimui ir įrodymams integracijos politikai.",
        "Keskendub andmete kogumisele ja lõimumispoliitika tõendusbaasile.",
        "Основное направление работы — сбор данных и доказательная база политики интеграции.",
    ),
    "language-learning": (
        "Focuses on language learning for adults and families.",
        "Galvenā darba joma ir valodas apguve pieaugušajiem un ģimenēm.",
        "Daugiausia dėmesio skiria kalbos mokymuisi suaugusiesiems ir šeimoms.",
        "Keskendub täiskasvanute ja perede keeleõppele.",
        "Основное направление работы — изучение языка взрослыми и семьями.",
    ),
    "civic-participation": (
        "Focuses on the civic participation of immigrant communities.",
        "Galvenā darba joma ir imigrantu kopienu pilsoniskā līdzdalība.",
        "Daugiausia dėmesio skiria imigrantų bendruomenių pilietiniam dalyvavimui.",
        "Keskendub sisserändajate kogukondade kodanikuosalusele.",
        "Основное направление работы — гражданское участие иммигрантских сообществ.",
    ),
}

OPEN_SENTENCE = (
    "Glad to share experience with colleagues in other countries.",
    "Labprāt dalās pieredzē ar kolēģiem citās valstīs.",
    "Mielai dalijasi patirtimi su kolegomis kitose šalyse.",
    "Jagab hea meelega kogemusi teiste riikide kolleegidega.",
    "Охотно делится опытом с коллегами из других стран.",
)
PARTNERS_SENTENCE = (
    "Looking for partners for a new project.",
    "Meklē partnerus jaunam projektam.",
    "Ieško partnerių naujam projektui.",
    "Otsib uuele projektile partnereid.",
    "Ищет партнёров для нового проекта.",
)

# name, gender, city, organisation, role, themes, target groups, languages,
# open to exchange, looking for partners, (e-mail visibility, phone visibility), last confirmed
P, M, H = "public", "members", "hidden"
PEOPLE = [
    # Latvia
    ("Ilze Kalniņa", "f", "jelgava", "jelgava-municipality", "social-worker",
     ["roma-inclusion", "housing"], ["roma", "women"], ["lv", "ru", "rom"], True, False, (M, H), "2026-09-14"),
    ("Jānis Ozols", "m", "riga", "society-integration-foundation", "policy-officer",
     ["local-integration-planning", "data-and-evidence"], ["refugees", "asylum-seekers"], ["lv", "en", "ru"],
     True, True, (P, P), "2026-10-02"),
    ("Līga Bērziņa", "f", "riga", "shelter-safe-house", "ngo-coordinator",
     ["education", "language-learning"], ["asylum-seekers", "youth"], ["lv", "en", "ar"], True, False, (P, H),
     "2026-06-20"),
    ("Andris Liepiņš", "m", "valmiera", "latvian-ministry-of-culture", "roma-mediator",
     ["roma-inclusion", "education"], ["roma", "youth"], ["lv", "rom", "ru"], True, False, (H, H), "2025-03-11"),
    ("Ieva Krūmiņa", "f", "riga", "providus", "researcher",
     ["data-and-evidence", "civic-participation"], ["refugees", "labour-migrants"], ["lv", "en", "de"],
     True, True, (P, H), "2026-08-30"),
    ("Mārtiņš Vītols", "m", "ventspils", "latvian-red-cross", "employment-counsellor",
     ["employment"], ["temporary-protection", "refugees"], ["lv", "uk", "ru"], False, False, (M, M), "2026-05-05"),
    ("Santa Zariņa", "f", "valka", "valka-municipality", "social-worker",
     ["local-integration-planning", "roma-inclusion"], ["roma", "temporary-protection"], ["lv", "et", "ru"],
     True, True, (M, H), "2026-07-19"),
    ("Raimonds Grigorjevs", "m", "jelgava", "jelgava-roma-community", "roma-mediator",
     ["roma-inclusion", "health"], ["roma", "women"], ["lv", "rom", "ru"], True, False, (H, M), "2026-04-28"),
    # Lithuania
    ("Rūta Kazlauskienė", "f", "vilnius", "lithuanian-red-cross", "ngo-coordinator",
     ["health", "housing"], ["asylum-seekers", "refugees"], ["lt", "en", "ru"], True, False, (P, H), "2026-09-01"),
    ("Tomas Petrauskas", "m", "vilnius", "diversity-development-group", "researcher",
     ["data-and-evidence", "roma-inclusion"], ["roma", "labour-migrants"], ["lt", "en", "pl"], True, True, (P, P),
     "2026-10-10"),
    ("Eglė Jankauskaitė", "f", "kaunas", "kaunas-municipality", "one-stop-shop",
     ["local-integration-planning", "employment"], ["temporary-protection", "labour-migrants"],
     ["lt", "en", "uk", "ru"], True, False, (M, H), "2026-03-15"),
    ("Mindaugas Vasiliauskas", "m", "vilnius", "association-of-local-authorities-lithuania", "policy-officer",
     ["local-integration-planning"], ["refugees", "temporary-protection"], ["lt", "en"], False, False, (H, H),
     "2024-11-02"),
    ("Aistė Stankevičiūtė", "f", "klaipeda", "lithuanian-refugee-council", "language-coordinator",
     ["language-learning", "education"], ["refugees", "women"], ["lt", "en", "fa"], True, False, (P, H),
     "2026-08-08"),
    ("Darius Žukauskas", "m", "vilnius", "lithuanian-red-cross", "roma-mediator",
     ["roma-inclusion", "employment"], ["roma", "youth"], ["lt", "rom", "ru"], True, True, (M, H), "2026-02-27"),
    # Estonia
    ("Kadri Tamm", "f", "tartu", "tartu-international-house", "one-stop-shop",
     ["local-integration-planning", "employment"], ["labour-migrants", "temporary-protection"],
     ["et", "en", "ru", "fi"], True, True, (P, P), "2026-10-15"),
    ("Margus Saar", "m", "tartu", "university-of-tartu", "researcher",
     ["data-and-evidence", "education"], ["refugees", "youth"], ["et", "en", "de"], True, False, (P, H),
     "2026-01-20"),
    ("Liis Mägi", "f", "tallinn", "estonian-refugee-council", "ngo-coordinator",
     ["health", "civic-participation"], ["refugees", "women"], ["et", "en", "ar"], True, False, (M, H),
     "2026-09-23"),
    ("Andres Kask", "m", "valga", "valga-municipality", "social-worker",
     ["roma-inclusion", "local-integration-planning"], ["roma", "temporary-protection"], ["et", "lv", "ru"],
     True, True, (M, M), "2026-06-30"),
    ("Triin Sepp", "f", "tallinn", "johannes-mihkelson-centre", "housing-adviser",
     ["housing", "health"], ["temporary-protection", "asylum-seekers"], ["et", "en", "uk"], False, False, (H, H),
     "2025-02-14"),
    ("Olga Ivanova", "f", "narva", "ukrainian-families-tallinn", "language-coordinator",
     ["language-learning", "civic-participation"], ["temporary-protection", "women"], ["ru", "uk", "et"],
     True, False, (M, H), "2026-07-07"),
    ("Rein Kuusk", "m", "tallinn", "estonian-refugee-council", "employment-counsellor",
     ["employment", "language-learning"], ["refugees", "labour-migrants"], ["et", "en", "ru"], True, False,
     (P, H), "2026-05-18"),
    # Denmark
    ("Mette Jensen", "f", "aarhus", "aarhus-municipality", "one-stop-shop",
     ["local-integration-planning", "employment"], ["refugees", "labour-migrants"], ["da", "en", "de"],
     True, True, (P, H), "2026-09-09"),
    ("Søren Nielsen", "m", "copenhagen", "aarhus-municipality", "housing-adviser",
     ["housing", "local-integration-planning"], ["refugees", "temporary-protection"], ["da", "en"], True, False,
     (M, H), "2026-04-04"),
    ("Camilla Hansen", "f", "copenhagen", "unhcr-nordic-baltic", "policy-officer",
     ["data-and-evidence", "civic-participation"], ["asylum-seekers", "refugees"], ["da", "en", "fr"],
     True, False, (P, H), "2026-08-12"),
    ("Ahmed Rahimi", "m", "aarhus", "aarhus-municipality", "employment-counsellor",
     ["employment", "education"], ["refugees", "youth"], ["da", "fa", "en"], True, False, (H, H), "2026-03-03"),
    # Finland
    ("Aino Virtanen", "f", "helsinki", "nordic-welfare-centre", "researcher",
     ["data-and-evidence", "health"], ["refugees", "women"], ["fi", "sv", "en"], True, True, (P, H), "2026-10-01"),
    ("Mikko Korhonen", "m", "tampere", "city-of-tampere", "one-stop-shop",
     ["local-integration-planning", "language-learning"], ["labour-migrants", "temporary-protection"],
     ["fi", "en", "sv"], True, True, (P, P), "2026-09-17"),
    ("Leena Mäkinen", "f", "tampere", "city-of-tampere", "social-worker",
     ["housing", "health"], ["temporary-protection", "youth"], ["fi", "en", "ru"], False, False, (M, H),
     "2026-02-02"),
    ("Hassan Ali", "m", "helsinki", "nordic-welfare-centre", "ngo-coordinator",
     ["civic-participation", "education"], ["refugees", "youth"], ["fi", "ar", "en"], True, False, (H, H),
     "2026-06-06"),
    # Iceland
    ("Guðrún Jónsdóttir", "f", "reykjavik", "reykjavik-city", "social-worker",
     ["local-integration-planning", "housing"], ["refugees", "asylum-seekers"], ["is", "en", "da"], True, False,
     (P, H), "2026-05-25"),
    ("Einar Sigurðsson", "m", "reykjavik", "reykjavik-city", "language-coordinator",
     ["language-learning", "education"], ["labour-migrants", "youth"], ["is", "en", "pl"], True, True, (M, H),
     "2026-07-30"),
    ("Katrín Ólafsdóttir", "f", "reykjavik", "reykjavik-city", "employment-counsellor",
     ["employment"], ["labour-migrants", "women"], ["is", "en", "nb"], False, False, (H, H), "2024-09-10"),
    # Norway
    ("Ingrid Hansen", "f", "bergen", "bergen-municipality", "one-stop-shop",
     ["local-integration-planning", "education"], ["refugees", "temporary-protection"], ["nb", "en", "sv"],
     True, True, (P, H), "2026-08-21"),
    ("Lars Johansen", "m", "oslo", "bergen-municipality", "policy-officer",
     ["data-and-evidence", "employment"], ["refugees", "labour-migrants"], ["nb", "en"], True, False, (M, H),
     "2026-01-11"),
    ("Sofie Berg", "f", "bergen", "bergen-municipality", "housing-adviser",
     ["housing"], ["refugees", "youth"], ["nb", "en", "de"], True, False, (H, H), "2026-04-14"),
    ("Yonas Tesfaye", "m", "oslo", "bergen-municipality", "ngo-coordinator",
     ["civic-participation", "health"], ["refugees", "asylum-seekers"], ["nb", "en", "ar"], True, True, (P, H),
     "2026-09-29"),
    # Sweden
    ("Anna Lindqvist", "f", "malmo", "city-of-malmo", "social-worker",
     ["roma-inclusion", "education"], ["roma", "youth"], ["sv", "en", "rom"], True, True, (P, H), "2026-10-05"),
    ("Erik Johansson", "m", "stockholm", "unhcr-nordic-baltic", "researcher",
     ["data-and-evidence", "local-integration-planning"], ["asylum-seekers", "refugees"], ["sv", "en", "fi"],
     True, False, (P, P), "2026-07-01"),
    ("Maria Andersson", "f", "malmo", "city-of-malmo", "one-stop-shop",
     ["local-integration-planning", "employment"], ["labour-migrants", "temporary-protection"], ["sv", "en", "uk"],
     True, False, (M, H), "2026-03-21"),
    ("Amira Haddad", "f", "stockholm", "unhcr-nordic-baltic", "ngo-coordinator",
     ["health", "civic-participation"], ["women", "refugees"], ["sv", "ar", "en", "fr"], True, False, (H, H),
     "2026-06-15"),
]  # fmt: skip

NETWORK_PAGE = {
    "title": (
        "Practitioner directory",
        "Praktiķu katalogs",
        "Praktikų katalogas",
        "Praktikute kataloog",
        "Каталог практиков",
    ),
    "intro": (
        "Find people who work on integration in other countries, filter by theme, target group or language, "
        "and write to them.",
        "Atrodiet cilvēkus, kas strādā integrācijas jomā citās valstīs, atlasiet pēc tēmas, mērķa grupas vai "
        "valodas un uzrakstiet viņiem.",
        "Raskite žmones, dirbančius integracijos srityje kitose šalyse, atsirinkite pagal temą, tikslinę grupę "
        "ar kalbą ir parašykite jiems.",
        "Leia inimesi, kes tegelevad lõimumisega teistes riikides, filtreeri teema, sihtrühma või keele järgi "
        "ja kirjuta neile.",
        "Найдите людей, которые работают в сфере интеграции в других странах, отфильтруйте по теме, целевой "
        "группе или языку и напишите им.",
    ),
}

# slug: cities, since, organisations, people, {field: (en, lv, lt, et, ru)}
TWINNINGS = {
    "valka-valga": (
        ["valka", "valga"],
        None,
        ["valka-municipality", "valga-municipality"],
        ["Santa Zariņa", "Andres Kask"],
        {
            "title": ("Valka – Valga", "Valka – Valga", "Valka – Valga", "Valka – Valga", "Валка – Валга"),
            "intro": (
                "One town on both sides of the Latvian–Estonian border, working together on Roma inclusion, "
                "schools and social services.",
                "Viena pilsēta abpus Latvijas un Igaunijas robežas, kas kopā strādā pie romu iekļaušanas, skolām "
                "un sociālajiem pakalpojumiem.",
                "Vienas miestas abipus Latvijos ir Estijos sienos, kartu dirbantis romų įtraukties, mokyklų ir "
                "socialinių paslaugų srityse.",
                "Üks linn Läti–Eesti piiri mõlemal poolel, mis teeb koostööd romade kaasamise, koolide ja "
                "sotsiaalteenuste vallas.",
                "Один город по обе стороны латвийско-эстонской границы, который вместе работает над интеграцией "
                "ромов, школами и социальными услугами.",
            ),
            "body": (
                "After an expert meeting of both countries' ministries of culture and the two municipalities, "
                "the towns agreed to cooperate on the education and social situation of Roma families living on "
                "both sides of the border.",
                "Pēc abu valstu kultūras ministriju un abu pašvaldību ekspertu sanāksmes pilsētas vienojās "
                "sadarboties, lai uzlabotu romu ģimeņu izglītību un sociālo situāciju abpus robežai.",
                "Po abiejų šalių kultūros ministerijų ir abiejų savivaldybių ekspertų susitikimo miestai susitarė "
                "bendradarbiauti gerinant romų šeimų, gyvenančių abipus sienos, švietimą ir socialinę padėtį.",
                "Pärast mõlema riigi kultuuriministeeriumide ja kahe omavalitsuse ekspertide kohtumist leppisid "
                "linnad kokku koostöös, et parandada piiri mõlemal poolel elavate romade perede haridust ja "
                "sotsiaalset olukorda.",
                "После встречи экспертов министерств культуры обеих стран и двух самоуправлений города "
                "договорились сотрудничать, чтобы улучшить образование и социальное положение ромских семей по "
                "обе стороны границы.",
            ),
        },
    ),
    "tartu-tampere": (
        ["tartu", "tampere"],
        2022,
        ["tartu-international-house", "city-of-tampere"],
        ["Kadri Tamm", "Mikko Korhonen"],
        {
            "title": (
                "Tartu – Tampere",
                "Tartu – Tampere",
                "Tartu – Tamperė",
                "Tartu – Tampere",
                "Тарту – Тампере",
            ),
            "intro": (
                "Two university cities compare how their welcome centres serve newcomers who arrive to work "
                "or study.",
                "Divas universitātes pilsētas salīdzina, kā to uzņemšanas centri apkalpo jaunpienācējus, kas "
                "ierodas strādāt vai studēt.",
                "Du universitetiniai miestai lygina, kaip jų priėmimo centrai aptarnauja atvykėlius, "
                "atvažiuojančius dirbti ar studijuoti.",
                "Kaks ülikoolilinna võrdlevad, kuidas nende tervituskeskused teenindavad tööle või õppima "
                "saabuvaid uustulnukaid.",
                "Два университетских города сравнивают, как их центры приёма обслуживают новоприбывших, которые "
                "приезжают работать или учиться.",
            ),
            "body": (
                "Staff of both one-stop shops visit each other every year, share their service checklists and "
                "test each other's ideas for families arriving with temporary protection.",
                "Abu vienas pieturas aģentūru darbinieki katru gadu apmeklē viens otru, dalās ar pakalpojumu "
                "kontrolsarakstiem un izmēģina viens otra idejas ģimenēm, kas ierodas ar pagaidu aizsardzību.",
                "Abiejų vieno langelio centrų darbuotojai kasmet lankosi vieni pas kitus, dalijasi paslaugų "
                "kontroliniais sąrašais ir išbando vieni kitų idėjas šeimoms, atvykstančioms su laikinąja apsauga.",
                "Mõlema teeninduskeskuse töötajad külastavad igal aastal teineteist, jagavad teenuste "
                "kontrollnimekirju ja katsetavad teineteise ideid ajutise kaitsega saabuvate perede jaoks.",
                "Сотрудники обоих центров «одного окна» каждый год посещают друг друга, обмениваются "
                "контрольными списками услуг и пробуют идеи друг друга для семей, прибывающих с временной защитой.",
            ),
        },
    ),
    "jelgava-kaunas": (
        ["jelgava", "kaunas"],
        2020,
        ["jelgava-municipality", "jelgava-roma-community", "kaunas-municipality"],
        ["Ilze Kalniņa", "Raimonds Grigorjevs", "Eglė Jankauskaitė"],
        {
            "title": (
                "Jelgava – Kaunas",
                "Jelgava – Kauņa",
                "Jelgava – Kaunas",
                "Jelgava – Kaunas",
                "Елгава – Каунас",
            ),
            "intro": (
                "Roma mediators and social services learn from each other about work, schooling and trust.",
                "Romu mediatori un sociālie dienesti mācās cits no cita par darbu, skolu un uzticēšanos.",
                "Romų mediatoriai ir socialinės tarnybos mokosi vieni iš kitų apie darbą, mokyklą ir "
                "pasitikėjimą.",
                "Romade mediaatorid ja sotsiaalteenused õpivad üksteiselt töö, kooli ja usalduse kohta.",
                "Ромские медиаторы и социальные службы учатся друг у друга в вопросах работы, школы и доверия.",
            ),
            "body": (
                "The exchange started with a study visit on employing Roma jobseekers and continues with yearly "
                "seminars where mediators from both cities compare cases and results.",
                "Apmaiņa sākās ar pieredzes vizīti par romu darba meklētāju nodarbināšanu un turpinās ar ikgadējiem "
                "semināriem, kuros abu pilsētu mediatori salīdzina gadījumus un rezultātus.",
                "Mainai pradžią davė mokomasis vizitas apie romų darbo ieškotojų įdarbinimą, o dabar ji tęsiasi "
                "kasmetiniais seminarais, kuriuose abiejų miestų mediatoriai lygina atvejus ir rezultatus.",
                "Vahetus algas õppevisiidiga romadest tööotsijate tööle aitamise teemal ja jätkub iga-aastaste "
                "seminaridega, kus mõlema linna mediaatorid võrdlevad juhtumeid ja tulemusi.",
                "Обмен начался с учебного визита о трудоустройстве ромов-соискателей и продолжается ежегодными "
                "семинарами, на которых медиаторы обоих городов сравнивают случаи и результаты.",
            ),
        },
    ),
}
