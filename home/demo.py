"""Demo content of the home app: the home page and "About the network", in five languages.

Facts come from the network's founding documents (coalition meetings in Latvia in
2020, the 2022-2023 Nordic-Baltic cooperation project, Roma mediation in Latvian
municipalities, the twin towns Valka and Valga); the sentences are our own.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from . import demo_trust as trust
from .factories import ContactPageFactory, HomePageFactory, PrivacyPageFactory, StandardPageFactory
from .models import HomePage
from .seeding import Memory, ensure_locales, list_items, translate, upsert_page

HOME_TITLE = "Nordic-Baltic Integration Network"

HOME_INTRO = (
    "People who help refugees, immigrants and Roma settle in — in municipalities, NGOs, "
    "ministries and universities across Latvia, Lithuania, Estonia and the Nordic countries — "
    "share what works and find each other here."
)


def figure_items(name: str, *figures: tuple[str, str]) -> list[dict]:
    """The items of a key-figures block in the list format Wagtail stores, with stable ids."""
    return list_items(name, [{"figure": figure, "label": label} for figure, label in figures])


def network_figures(short: bool) -> dict:
    """The counted figures block (``home.blocks.NetworkFiguresBlock``); the short version is
    the home page's, light enough for its first view."""
    return {"type": "network_figures", "value": {"heading": "", "short": short}}


# Typed by hand: facts of the work the network grew out of, which the site cannot count. On
# the about page: the home page shows what the site counts (issue 23).
KEY_FIGURES = {
    "type": "key_figures",
    "value": {
        "heading": "The work behind the network",
        "figures": figure_items(
            "home-figures",
            ("8", "countries in the network"),
            ("16", "partners in the 2022–2023 Nordic-Baltic cooperation project"),
            ("149", "Roma families supported by mediators in five Latvian municipalities"),
            ("4", "coalition meetings of ministries, municipalities and NGOs held online in 2020"),
        ),
    },
}

HOME_BODY = [
    {
        "type": "text",
        "value": (
            "<h2>Why the network exists</h2>"
            "<p>Across the region, integration work is often done in projects that end, by people "
            "who rarely meet their peers across the border. The network keeps their knowledge and "
            "their contacts in one place.</p>"
        ),
    },
    # Counted from the content, the short version: the full charts took the home page's first
    # view past the 30 kB a cheap phone's is held to (tests/browser/test_public_pages.py).
    network_figures(short=True),
]

ABOUT_BODY = [
    {
        "type": "text",
        "value": (
            "<h2>Who takes part</h2>"
            "<p>Municipal social workers, NGO staff, ministry officials, Roma mediators, researchers, "
            "and organisations led by refugees and immigrants.</p>"
            "<h2>What we do</h2>"
            "<p>We publish good practices and project results, meet in coalition meetings and study "
            "visits, and keep step-by-step guides for people who have just arrived up to date in five "
            "languages.</p>"
            "<h2>How to take part</h2>"
            "<p>Ask the editor in your country for an invitation. Membership is free for anyone who "
            "works on integration in the region.</p>"
        ),
    },
    # On the about page with the figures of that work, not on the home page: every byte of the
    # home page counts against its 30 kB first view.
    {
        "type": "text",
        "value": (
            "<h2>Where the network comes from</h2>"
            "<p>It grew out of Nordic-Baltic cooperation: coalition meetings of ministries, "
            "municipalities and NGOs, twinning cities such as Valka and Valga, and Roma mediation "
            "in Latvian municipalities.</p>"
        ),
    },
    KEY_FIGURES,
    network_figures(short=False),
]

MEMORY: Memory = {
    HOME_TITLE: {
        "lv": "Ziemeļvalstu un Baltijas integrācijas tīkls",
        "lt": "Šiaurės ir Baltijos šalių integracijos tinklas",
        "et": "Põhja- ja Balti riikide lõimumisvõrgustik",
        "ru": "Северо-Балтийская сеть по интеграции",
    },
    "home": {"lv": "sakums", "lt": "pradzia", "et": "avaleht", "ru": "glavnaya"},
    HOME_INTRO: {
        "lv": "Cilvēki, kas palīdz bēgļiem, imigrantiem un romiem iedzīvoties, — pašvaldībās, NVO, "
        "ministrijās un universitātēs Latvijā, Lietuvā, Igaunijā un Ziemeļvalstīs — šeit dalās ar "
        "to, kas darbojas, un atrod cits citu.",
        "lt": "Žmonės, padedantys pabėgėliams, imigrantams ir romams įsikurti, – savivaldybėse, NVO, "
        "ministerijose ir universitetuose Latvijoje, Lietuvoje, Estijoje ir Šiaurės šalyse – čia "
        "dalijasi tuo, kas veikia, ir randa vieni kitus.",
        "et": "Inimesed, kes aitavad pagulastel, sisserändajatel ja romadel kohaneda – omavalitsustes, "
        "MTÜ-des, ministeeriumides ja ülikoolides Lätis, Leedus, Eestis ja Põhjamaades –, jagavad "
        "siin seda, mis toimib, ja leiavad üksteist.",
        "ru": "Люди, которые помогают беженцам, иммигрантам и ромам обустроиться, — в самоуправлениях, "
        "НКО, министерствах и университетах Латвии, Литвы, Эстонии и Северных стран — делятся здесь "
        "тем, что работает, и находят друг друга.",
    },
    "Why the network exists": {
        "lv": "Kāpēc tīkls ir vajadzīgs",
        "lt": "Kam reikalingas šis tinklas",
        "et": "Milleks võrgustik",
        "ru": "Зачем нужна сеть",
    },
    "Across the region, integration work is often done in projects that end, by people who rarely "
    "meet their peers across the border. The network keeps their knowledge and their contacts in "
    "one place.": {
        "lv": "Visā reģionā integrācijas darbs bieži notiek projektos, kas beidzas, un to dara cilvēki, "
        "kuri reti satiek kolēģus aiz robežas. Tīkls saglabā viņu zināšanas un kontaktus vienuviet.",
        "lt": "Visame regione integracijos darbas dažnai vyksta baigtiniuose projektuose, o jį dirba "
        "žmonės, kurie retai susitinka su kolegomis iš kitų šalių. Tinklas išsaugo jų žinias ir "
        "kontaktus vienoje vietoje.",
        "et": "Kogu piirkonnas tehakse lõimumistööd sageli lõppevates projektides ja seda teevad "
        "inimesed, kes kohtuvad harva oma kolleegidega teisel pool piiri. Võrgustik hoiab nende "
        "teadmised ja kontaktid ühes kohas.",
        "ru": "Во всём регионе работа по интеграции часто ведётся в проектах, которые заканчиваются, "
        "и её делают люди, редко встречающие коллег из-за границы. Сеть хранит их знания и контакты "
        "в одном месте.",
    },
    "It grew out of Nordic-Baltic cooperation: coalition meetings of ministries, municipalities and "
    "NGOs, twinning cities such as Valka and Valga, and Roma mediation in Latvian municipalities.": {
        "lv": "Tas izauga no Ziemeļvalstu un Baltijas valstu sadarbības: ministriju, pašvaldību un NVO "
        "koalīcijas sanāksmēm, sadraudzības pilsētām, piemēram, Valkas un Valgas, un romu mediācijas "
        "Latvijas pašvaldībās.",
        "lt": "Jis išaugo iš Šiaurės ir Baltijos šalių bendradarbiavimo: ministerijų, savivaldybių ir "
        "NVO koalicijos susitikimų, miestų partnerių, tokių kaip Valka ir Valga, ir romų mediacijos "
        "Latvijos savivaldybėse.",
        "et": "See kasvas välja Põhja- ja Balti riikide koostööst: ministeeriumide, omavalitsuste ja "
        "MTÜ-de koalitsiooni kohtumistest, sõpruslinnadest nagu Valka ja Valga ning romade "
        "mediatsioonist Läti omavalitsustes.",
        "ru": "Она выросла из сотрудничества Северных и Балтийских стран: встреч коалиции министерств, "
        "самоуправлений и НКО, городов-побратимов, таких как Валка и Валга, и ромской медиации в "
        "латвийских самоуправлениях.",
    },
    "Where the network comes from": {
        "lv": "No kurienes tīkls radies",
        "lt": "Iš kur kilo tinklas",
        "et": "Kust võrgustik alguse sai",
        "ru": "Откуда появилась сеть",
    },
    "The work behind the network": {
        "lv": "Darbs, uz kura balstās tīkls",
        "lt": "Darbas, kuriuo remiasi tinklas",
        "et": "Töö, millele võrgustik tugineb",
        "ru": "Работа, на которой строится сеть",
    },
    "countries in the network": {
        "lv": "valstis tīklā",
        "lt": "šalys tinkle",
        "et": "riiki võrgustikus",
        "ru": "стран в сети",
    },
    "partners in the 2022–2023 Nordic-Baltic cooperation project": {
        "lv": "partneri Ziemeļvalstu un Baltijas valstu sadarbības projektā 2022.–2023. gadā",
        "lt": "partnerių 2022–2023 m. Šiaurės ir Baltijos šalių bendradarbiavimo projekte",
        "et": "partnerit Põhja- ja Balti riikide koostööprojektis aastatel 2022–2023",
        "ru": "партнёров в проекте сотрудничества Северных и Балтийских стран в 2022–2023 годах",
    },
    "Roma families supported by mediators in five Latvian municipalities": {
        "lv": "romu ģimenes, kuras atbalstīja mediatori piecās Latvijas pašvaldībās",
        "lt": "romų šeimos, kurioms padėjo mediatoriai penkiose Latvijos savivaldybėse",
        "et": "romade perekonda, keda toetasid mediaatorid viies Läti omavalitsuses",
        "ru": "ромских семей получили поддержку медиаторов в пяти самоуправлениях Латвии",
    },
    "coalition meetings of ministries, municipalities and NGOs held online in 2020": {
        "lv": "ministriju, pašvaldību un NVO koalīcijas sanāksmes tiešsaistē 2020. gadā",
        "lt": "ministerijų, savivaldybių ir NVO koalicijos susitikimai, surengti internetu 2020 m.",
        "et": "ministeeriumide, omavalitsuste ja MTÜ-de koalitsiooni kohtumist veebis 2020. aastal",
        "ru": "встречи коалиции министерств, самоуправлений и НКО прошли онлайн в 2020 году",
    },
    "About the network": {
        "lv": "Par tīklu",
        "lt": "Apie tinklą",
        "et": "Võrgustikust",
        "ru": "О сети",
    },
    "about": {"lv": "par-tiklu", "lt": "apie-tinkla", "et": "vorgustikust", "ru": "o-seti"},
    "Who we are, what we do together and how to take part.": {
        "lv": "Kas mēs esam, ko darām kopā un kā iesaistīties.",
        "lt": "Kas mes esame, ką darome kartu ir kaip prisijungti.",
        "et": "Kes me oleme, mida koos teeme ja kuidas kaasa lüüa.",
        "ru": "Кто мы, что делаем вместе и как присоединиться.",
    },
    "Who takes part": {
        "lv": "Kas piedalās",
        "lt": "Kas dalyvauja",
        "et": "Kes osalevad",
        "ru": "Кто участвует",
    },
    "Municipal social workers, NGO staff, ministry officials, Roma mediators, researchers, and "
    "organisations led by refugees and immigrants.": {
        "lv": "Pašvaldību sociālie darbinieki, NVO darbinieki, ministriju ierēdņi, romu mediatori, "
        "pētnieki un bēgļu un imigrantu vadītas organizācijas.",
        "lt": "Savivaldybių socialiniai darbuotojai, NVO darbuotojai, ministerijų valdininkai, romų "
        "mediatoriai, tyrėjai ir pabėgėlių bei imigrantų vadovaujamos organizacijos.",
        "et": "Omavalitsuste sotsiaaltöötajad, MTÜ-de töötajad, ministeeriumide ametnikud, romade "
        "mediaatorid, teadlased ning pagulaste ja sisserändajate juhitud organisatsioonid.",
        "ru": "Социальные работники самоуправлений, сотрудники НКО, чиновники министерств, ромские "
        "медиаторы, исследователи и организации, которыми руководят беженцы и иммигранты.",
    },
    "What we do": {
        "lv": "Ko mēs darām",
        "lt": "Ką mes darome",
        "et": "Mida me teeme",
        "ru": "Что мы делаем",
    },
    "We publish good practices and project results, meet in coalition meetings and study visits, and "
    "keep step-by-step guides for people who have just arrived up to date in five languages.": {
        "lv": "Mēs publicējam labo praksi un projektu rezultātus, tiekamies koalīcijas sanāksmēs un "
        "pieredzes apmaiņas vizītēs un piecās valodās uzturam aktuālus soli pa solim ceļvežus tiem, "
        "kas tikko ieradušies.",
        "lt": "Skelbiame gerąją praktiką ir projektų rezultatus, susitinkame koalicijos susitikimuose "
        "ir mokomuosiuose vizituose bei penkiomis kalbomis nuolat atnaujiname nuoseklius gidus ką tik "
        "atvykusiems žmonėms.",
        "et": "Avaldame häid praktikaid ja projektide tulemusi, kohtume koalitsiooni kohtumistel ja "
        "õppevisiitidel ning hoiame äsja saabunutele mõeldud samm-sammulised juhendid viies keeles "
        "ajakohasena.",
        "ru": "Мы публикуем удачные практики и результаты проектов, встречаемся на заседаниях "
        "коалиции и в учебных визитах и поддерживаем в актуальном состоянии пошаговые памятки для "
        "тех, кто только что приехал, на пяти языках.",
    },
    "How to take part": {
        "lv": "Kā iesaistīties",
        "lt": "Kaip prisijungti",
        "et": "Kuidas kaasa lüüa",
        "ru": "Как присоединиться",
    },
    "Ask the editor in your country for an invitation. Membership is free for anyone who works on "
    "integration in the region.": {
        "lv": "Lūdziet ielūgumu savas valsts redaktoram. Dalība ir bez maksas ikvienam, kas reģionā "
        "strādā integrācijas jomā.",
        "lt": "Paprašykite savo šalies redaktoriaus kvietimo. Narystė nemokama visiems, kurie regione "
        "dirba integracijos srityje.",
        "et": "Küsige kutset oma riigi toimetajalt. Liikmesus on tasuta kõigile, kes töötavad "
        "piirkonnas lõimumise valdkonnas.",
        "ru": "Попросите приглашение у редактора вашей страны. Участие бесплатно для всех, кто "
        "работает в сфере интеграции в регионе.",
    },
}


def _english_home() -> HomePage:
    """The English home page, replacing Wagtail's placeholder welcome page on a fresh install."""
    locales = ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=locales["en"]).first()
    if home is None:
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            placeholder.delete()
        home = HomePage(title=HOME_TITLE, slug="home", locale=locales["en"])
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.id:
        site.hostname, site.port, site.root_page = "localhost", 80, home
        site.site_name = HOME_TITLE
        site.save()
    return home


def build() -> dict[str, int]:
    locales = ensure_locales()
    home = _english_home()
    home, home_changed = upsert_page(
        home.get_parent(), HomePageFactory, home.slug, title=HOME_TITLE, intro=HOME_INTRO, body=HOME_BODY
    )
    # The pages readers need to trust the site first: the others lead to the contact page.
    contact, contact_changed = upsert_page(
        home,
        ContactPageFactory,
        "contact",
        title=trust.CONTACT_TITLE,
        intro=trust.CONTACT_INTRO,
        body=[{"type": "text", "value": trust.CONTACT_TEXT}],
        show_in_menus=False,
    )
    privacy, privacy_changed = upsert_page(
        home,
        PrivacyPageFactory,
        "privacy",
        title=trust.PRIVACY_TITLE,
        intro=trust.PRIVACY_INTRO,
        body=[
            {"type": "text", "value": trust.PRIVACY_TEXT},
            trust.call_to_action(trust.DATA_QUESTIONS, contact.pk),
        ],
        show_in_menus=False,
    )
    about, about_changed = upsert_page(
        home,
        StandardPageFactory,
        "about",
        title="About the network",
        intro="Who we are, what we do together and how to take part.",
        body=[*ABOUT_BODY, trust.call_to_action(trust.TAKE_PART, contact.pk)],
        show_in_menus=True,
    )
    memory = {**MEMORY, **trust.MEMORY}
    pages = (
        (home, home_changed),
        (contact, contact_changed),
        (privacy, privacy_changed),
        (about, about_changed),
    )
    translated = sum(translate(page, memory, locales, force=changed) for page, changed in pages)
    changed = sum(int(changed) for _page, changed in pages)
    return {"pages changed": changed, "translations updated": translated}
