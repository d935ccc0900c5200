"""Demo content of the pages readers need to trust the site: the privacy notice and the contact
page (who runs the site, and a form to the editors of each country), in five languages.

What the notice says follows SECURITY.md and the settings' defaults (``CONTACT_LOG_DAYS`` 90,
sign-up links valid ``PASSWORD_RESET_TIMEOUT`` 3 days, ``LOGIN_COOLOFF_MINUTES`` 15, sessions of
two weeks); an operator who changes them edits the page, which is ordinary content. The slugs
``privacy`` and ``contact`` are the same in every language (``/lv/privacy/``), and the sign-up
form, the account pages and the footer find the pages by them (``site_tags.trust_pages``).
"""

from __future__ import annotations

from .seeding import Memory

PRIVACY_TITLE = "Privacy notice"
PRIVACY_INTRO = (
    "What this site keeps about you, why, for how long, who sees it, and how to download or delete it."
)
PRIVACY_TEXT = (
    "<h2>Who is responsible</h2>"
    "<p>The site is run by the coordinating organisation of the Nordic-Baltic Integration Network (the "
    "operator), with editors in Latvia, Lithuania, Estonia and the Nordic countries. The operator decides "
    "what the site keeps and why. On this demo site the operator is illustrative; a real site names its "
    "organisation and address on its contact page.</p>"
    "<h2>If you only read</h2>"
    "<p>Reading the guides, the directory and the knowledge base needs no account. We keep nothing about "
    "you: no tracking, no advertising, no analytics cookies. A cookie remembers your language only if you "
    "choose one, and the web server keeps its usual access log for a short time.</p>"
    "<h2>If you sign up</h2>"
    "<ul>"
    "<li>Your account: your e-mail address (it is your user name), your name and your password, stored "
    "only in a form nobody can read back.</li>"
    "<li>Your profile, if you make one: name, role, organisation, town, short biography, themes, "
    "languages and photo. It is shown to everyone once an editor has approved it.</li>"
    "<li>Your e-mail address and phone, kept apart from the profile and shown only to whom you choose: "
    "everyone, signed-in members, or nobody.</li>"
    "<li>Your consent to be listed: when you gave it and which version of this notice it was.</li>"
    "</ul>"
    "<h2>If you write to someone</h2>"
    "<p>A message sent with a contact form is e-mailed and not stored. For a practitioner's contact form "
    "we keep a short record for 90 days to stop abuse: who wrote to whom and when, not the text. Messages "
    "to the editors are not recorded at all.</p>"
    "<h2>How long we keep it</h2>"
    "<ul>"
    "<li>Profile, contact details, consent and account: until you delete them, or an administrator "
    "does.</li>"
    "<li>Records of contact-form messages: 90 days, then deleted automatically.</li>"
    "<li>Sign-ups never confirmed: deleted once the confirmation link has expired, after 3 days.</li>"
    "<li>Failed sign-ins: 15 minutes, the time of the lockout that stops password guessing.</li>"
    "<li>Sessions: two weeks at most.</li>"
    "</ul>"
    "<h2>Your rights</h2>"
    "<p>Signed in, you can download everything the site holds about you and delete your profile and "
    "account at once, from your account page. You can also ask the editors to correct something, and "
    "complain to the data protection authority of your country.</p>"
    "<h2>Who sees your data</h2>"
    "<p>Editors and moderators see profiles before they are published; administrators see contact "
    "details and the records of messages. We do not sell data or give it to anyone else.</p>"
)

CONTACT_TITLE = "Contact and who runs the site"
CONTACT_INTRO = "Who runs this site, and how to reach the editors of your country."
CONTACT_TEXT = (
    "<h2>Who runs the site</h2>"
    "<p>The Nordic-Baltic Integration Network's site is run by its coordinating organisation, the "
    "operator, together with editors in Latvia, Lithuania, Estonia and the Nordic countries. This is a "
    "demo site: its organisations and people are illustrative, and a real site names the operator's "
    "organisation, registration number and address here.</p>"
    "<h2>The editors in your country</h2>"
    "<p>Each country has its own editors. They check profiles, practices and guides before they are "
    "published, keep the guides up to date, and answer questions about membership, corrections and your "
    "data. Write to them with the form below: choose your country, and they answer you by e-mail.</p>"
    "<p>In an emergency, do not wait for an answer: call 112, in every country of the region.</p>"
)

DATA_QUESTIONS = "Questions about your data?"
TAKE_PART = "Want to take part, or have a question for the editors?"
WRITE_TO_EDITORS = "Write to the editors"


def call_to_action(text: str, page_id: int) -> dict:
    """A "write to the editors" button leading to the contact page in the reader's language."""
    return {
        "type": "call_to_action",
        "value": {"text": text, "label": WRITE_TO_EDITORS, "page": page_id, "external_url": ""},
    }


MEMORY: Memory = {
    PRIVACY_TITLE: {
        "lv": "Privātuma paziņojums",
        "lt": "Privatumo pranešimas",
        "et": "Privaatsusteade",
        "ru": "Уведомление о конфиденциальности",
    },
    "privacy": {"lv": "privacy", "lt": "privacy", "et": "privacy", "ru": "privacy"},
    PRIVACY_INTRO: {
        "lv": "Ko šī vietne par jums glabā, kāpēc, cik ilgi, kas to redz un kā to lejupielādēt vai dzēst.",
        "lt": "Ką ši svetainė apie jus saugo, kodėl, kiek laiko, kas tai mato ir kaip tai atsisiųsti ar "
        "ištrinti.",
        "et": "Mida see sait teie kohta säilitab, miks, kui kaua, kes seda näeb ning kuidas seda alla "
        "laadida või kustutada.",
        "ru": "Что этот сайт хранит о вас, зачем, как долго, кто это видит и как это скачать или удалить.",
    },
    "Who is responsible": {
        "lv": "Kas ir atbildīgs",
        "lt": "Kas atsakingas",
        "et": "Kes vastutab",
        "ru": "Кто отвечает",
    },
    "The site is run by the coordinating organisation of the Nordic-Baltic Integration Network (the "
    "operator), with editors in Latvia, Lithuania, Estonia and the Nordic countries. The operator decides "
    "what the site keeps and why. On this demo site the operator is illustrative; a real site names its "
    "organisation and address on its contact page.": {
        "lv": "Vietni uztur Ziemeļvalstu un Baltijas integrācijas tīkla koordinējošā organizācija "
        "(operators) kopā ar redaktoriem Latvijā, Lietuvā, Igaunijā un Ziemeļvalstīs. Operators nosaka, "
        "ko vietne glabā un kāpēc. Šajā demonstrācijas vietnē operators ir izdomāts; īsta vietne savā "
        "kontaktu lapā norāda savas organizācijas nosaukumu un adresi.",
        "lt": "Svetainę tvarko Šiaurės ir Baltijos šalių integracijos tinklo koordinuojanti organizacija "
        "(valdytojas) kartu su redaktoriais Latvijoje, Lietuvoje, Estijoje ir Šiaurės šalyse. Valdytojas "
        "sprendžia, ką svetainė saugo ir kodėl. Šioje demonstracinėje svetainėje valdytojas yra "
        "išgalvotas; tikra svetainė savo kontaktų puslapyje nurodo savo organizacijos pavadinimą ir "
        "adresą.",
        "et": "Saiti haldab Põhja- ja Balti riikide lõimumisvõrgustiku koordineeriv organisatsioon "
        "(haldaja) koos toimetajatega Lätis, Leedus, Eestis ja Põhjamaades. Haldaja otsustab, mida sait "
        "säilitab ja miks. Sellel näidissaidil on haldaja väljamõeldud; päris sait nimetab oma "
        "kontaktilehel organisatsiooni nime ja aadressi.",
        "ru": "Сайт ведёт координирующая организация Северо-Балтийской сети по интеграции (оператор) "
        "вместе с редакторами в Латвии, Литве, Эстонии и Северных странах. Оператор решает, что сайт "
        "хранит и зачем. На этом демонстрационном сайте оператор вымышлен; настоящий сайт указывает на "
        "своей странице контактов название и адрес своей организации.",
    },
    "If you only read": {
        "lv": "Ja jūs tikai lasāt",
        "lt": "Jei tik skaitote",
        "et": "Kui te ainult loete",
        "ru": "Если вы только читаете",
    },
    "Reading the guides, the directory and the knowledge base needs no account. We keep nothing about "
    "you: no tracking, no advertising, no analytics cookies. A cookie remembers your language only if you "
    "choose one, and the web server keeps its usual access log for a short time.": {
        "lv": "Lai lasītu ceļvežus, katalogu un zināšanu bāzi, konts nav vajadzīgs. Mēs par jums neko "
        "neglabājam: nekādas izsekošanas, reklāmas vai analītikas sīkdatņu. Sīkdatne atceras jūsu valodu "
        "tikai tad, ja to izvēlaties, un tīmekļa serveris īsu laiku glabā parasto piekļuves žurnālu.",
        "lt": "Norint skaityti gidus, katalogą ir žinių bazę, paskyros nereikia. Apie jus nieko "
        "nesaugome: jokio sekimo, reklamos ar analitikos slapukų. Slapukas įsimena jūsų kalbą tik tada, "
        "kai ją pasirenkate, o žiniatinklio serveris trumpai saugo įprastą prieigos žurnalą.",
        "et": "Juhendite, kataloogi ja teadmusbaasi lugemiseks pole kontot vaja. Me ei säilita teie kohta "
        "midagi: ei jälgimist, reklaami ega analüütikaküpsiseid. Küpsis jätab teie keele meelde ainult "
        "siis, kui selle valite, ja veebiserver hoiab lühikest aega tavapärast juurdepääsulogi.",
        "ru": "Чтобы читать памятки, справочник и базу знаний, учётная запись не нужна. Мы ничего о вас "
        "не храним: никакого отслеживания, рекламы или аналитических cookie. Cookie запоминает ваш язык, "
        "только если вы его выбрали, а веб-сервер недолго хранит обычный журнал доступа.",
    },
    "If you sign up": {
        "lv": "Ja jūs reģistrējaties",
        "lt": "Jei užsiregistruojate",
        "et": "Kui te registreerute",
        "ru": "Если вы регистрируетесь",
    },
    "Your account: your e-mail address (it is your user name), your name and your password, stored only "
    "in a form nobody can read back.": {
        "lv": "Jūsu konts: e-pasta adrese (tā ir jūsu lietotājvārds), vārds un parole, kas tiek glabāta "
        "tikai tādā veidā, ko neviens nevar nolasīt.",
        "lt": "Jūsų paskyra: el. pašto adresas (tai jūsų naudotojo vardas), vardas ir slaptažodis, "
        "saugomas tik tokiu pavidalu, kurio niekas negali perskaityti.",
        "et": "Teie konto: e-posti aadress (see on teie kasutajanimi), nimi ja parool, mida hoitakse "
        "ainult kujul, mida keegi tagasi lugeda ei saa.",
        "ru": "Ваша учётная запись: адрес электронной почты (это ваше имя пользователя), имя и пароль, "
        "который хранится только в виде, из которого его никто не может прочитать.",
    },
    "Your profile, if you make one: name, role, organisation, town, short biography, themes, languages "
    "and photo. It is shown to everyone once an editor has approved it.": {
        "lv": "Jūsu profils, ja to izveidojat: vārds, amats, organizācija, pilsēta, īsa biogrāfija, "
        "tēmas, valodas un fotoattēls. Tas ir redzams visiem, kad redaktors to ir apstiprinājis.",
        "lt": "Jūsų profilis, jei jį sukuriate: vardas, pareigos, organizacija, miestas, trumpa "
        "biografija, temos, kalbos ir nuotrauka. Jis rodomas visiems, kai redaktorius jį patvirtina.",
        "et": "Teie profiil, kui selle loote: nimi, ametikoht, organisatsioon, linn, lühike elulugu, "
        "teemad, keeled ja foto. See on kõigile nähtav, kui toimetaja on selle heaks kiitnud.",
        "ru": "Ваш профиль, если вы его создаёте: имя, должность, организация, город, краткая биография, "
        "темы, языки и фотография. Он виден всем после того, как его одобрит редактор.",
    },
    "Your e-mail address and phone, kept apart from the profile and shown only to whom you choose: "
    "everyone, signed-in members, or nobody.": {
        "lv": "Jūsu e-pasta adrese un tālrunis, kas tiek glabāti atsevišķi no profila un ir redzami tikai "
        "tiem, kurus izvēlaties: visiem, pierakstītiem dalībniekiem vai nevienam.",
        "lt": "Jūsų el. pašto adresas ir telefonas, saugomi atskirai nuo profilio ir rodomi tik tiems, "
        "kuriuos pasirenkate: visiems, prisijungusiems nariams arba niekam.",
        "et": "Teie e-posti aadress ja telefon, mida hoitakse profiilist eraldi ja näidatakse ainult "
        "neile, kelle valite: kõigile, sisse loginud liikmetele või mitte kellelegi.",
        "ru": "Ваш адрес электронной почты и телефон хранятся отдельно от профиля и видны только тем, "
        "кого вы выберете: всем, вошедшим участникам или никому.",
    },
    "Your consent to be listed: when you gave it and which version of this notice it was.": {
        "lv": "Jūsu piekrišana tikt iekļautam katalogā: kad to devāt un kura šī paziņojuma versija tā bija.",
        "lt": "Jūsų sutikimas būti įtrauktam į katalogą: kada jį davėte ir kuri šio pranešimo versija tai "
        "buvo.",
        "et": "Teie nõusolek kataloogis olla: millal selle andsite ja milline selle teate versioon see oli.",
        "ru": "Ваше согласие на размещение в справочнике: когда вы его дали и какая это была версия "
        "этого уведомления.",
    },
    "If you write to someone": {
        "lv": "Ja jūs kādam rakstāt",
        "lt": "Jei kam nors rašote",
        "et": "Kui te kellelegi kirjutate",
        "ru": "Если вы кому-то пишете",
    },
    "A message sent with a contact form is e-mailed and not stored. For a practitioner's contact form we "
    "keep a short record for 90 days to stop abuse: who wrote to whom and when, not the text. Messages to "
    "the editors are not recorded at all.": {
        "lv": "Ziņa, kas nosūtīta ar saziņas veidlapu, tiek nosūtīta pa e-pastu un netiek glabāta. "
        "Praktiķa saziņas veidlapai mēs 90 dienas glabājam īsu ierakstu, lai novērstu ļaunprātīgu "
        "izmantošanu: kas kam un kad rakstīja, bet ne tekstu. Ziņas redaktoriem netiek reģistrētas "
        "vispār.",
        "lt": "Žinutė, išsiųsta per kontaktų formą, persiunčiama el. paštu ir nesaugoma. Praktiko "
        "kontaktų formai 90 dienų saugome trumpą įrašą, kad būtų užkirstas kelias piktnaudžiavimui: kas, "
        "kam ir kada rašė, bet ne tekstą. Žinutės redaktoriams visai neregistruojamos.",
        "et": "Kontaktivormiga saadetud sõnum edastatakse e-postiga ja seda ei säilitata. Praktiku "
        "kontaktivormi puhul hoiame kuritarvitamise vältimiseks 90 päeva lühikest kirjet: kes kellele ja "
        "millal kirjutas, kuid mitte teksti. Toimetajatele saadetud sõnumeid ei registreerita üldse.",
        "ru": "Сообщение, отправленное через контактную форму, пересылается по электронной почте и не "
        "хранится. Для контактной формы специалиста мы 90 дней храним короткую запись, чтобы "
        "предотвращать злоупотребления: кто, кому и когда писал, но не текст. Сообщения редакторам не "
        "записываются вовсе.",
    },
    "How long we keep it": {
        "lv": "Cik ilgi mēs to glabājam",
        "lt": "Kiek laiko saugome",
        "et": "Kui kaua me seda hoiame",
        "ru": "Как долго мы это храним",
    },
    "Profile, contact details, consent and account: until you delete them, or an administrator does.": {
        "lv": "Profils, kontaktinformācija, piekrišana un konts: līdz brīdim, kad tos dzēšat jūs vai "
        "administrators.",
        "lt": "Profilis, kontaktiniai duomenys, sutikimas ir paskyra: kol juos ištrinate jūs arba "
        "administratorius.",
        "et": "Profiil, kontaktandmed, nõusolek ja konto: kuni need kustutate teie või administraator.",
        "ru": "Профиль, контактные данные, согласие и учётная запись: пока их не удалите вы или "
        "администратор.",
    },
    "Records of contact-form messages: 90 days, then deleted automatically.": {
        "lv": "Saziņas veidlapas ziņu ieraksti: 90 dienas, pēc tam tie tiek automātiski dzēsti.",
        "lt": "Kontaktų formos žinučių įrašai: 90 dienų, paskui automatiškai ištrinami.",
        "et": "Kontaktivormi sõnumite kirjed: 90 päeva, seejärel kustutatakse need automaatselt.",
        "ru": "Записи о сообщениях через контактную форму: 90 дней, затем они удаляются автоматически.",
    },
    "Sign-ups never confirmed: deleted once the confirmation link has expired, after 3 days.": {
        "lv": "Nekad neapstiprinātas reģistrācijas: tiek dzēstas, kad apstiprinājuma saite ir beigusies, "
        "pēc 3 dienām.",
        "lt": "Niekada nepatvirtintos registracijos: ištrinamos, kai baigiasi patvirtinimo nuorodos "
        "galiojimas, po 3 dienų.",
        "et": "Kinnitamata registreerimised: kustutatakse, kui kinnituslink on aegunud, 3 päeva pärast.",
        "ru": "Неподтверждённые регистрации: удаляются, когда истекает срок ссылки для подтверждения, "
        "через 3 дня.",
    },
    "Failed sign-ins: 15 minutes, the time of the lockout that stops password guessing.": {
        "lv": "Neveiksmīgi pieteikšanās mēģinājumi: 15 minūtes — tik ilgi ilgst bloķēšana, kas aptur "
        "paroļu minēšanu.",
        "lt": "Nesėkmingi prisijungimai: 15 minučių – tiek trunka blokavimas, stabdantis slaptažodžių "
        "spėliojimą.",
        "et": "Ebaõnnestunud sisselogimised: 15 minutit – nii kaua kestab lukustus, mis peatab paroolide "
        "arvamise.",
        "ru": "Неудачные попытки входа: 15 минут — столько длится блокировка, которая останавливает "
        "подбор паролей.",
    },
    "Sessions: two weeks at most.": {
        "lv": "Sesijas: ne ilgāk kā divas nedēļas.",
        "lt": "Sesijos: ne ilgiau kaip dvi savaites.",
        "et": "Seansid: kõige rohkem kaks nädalat.",
        "ru": "Сеансы: не дольше двух недель.",
    },
    "Your rights": {"lv": "Jūsu tiesības", "lt": "Jūsų teisės", "et": "Teie õigused", "ru": "Ваши права"},
    "Signed in, you can download everything the site holds about you and delete your profile and account "
    "at once, from your account page. You can also ask the editors to correct something, and complain to "
    "the data protection authority of your country.": {
        "lv": "Pierakstījušies jūs savā konta lapā varat lejupielādēt visu, ko vietne par jums glabā, un "
        "uzreiz dzēst savu profilu un kontu. Jūs varat arī lūgt redaktoriem kaut ko labot un iesniegt "
        "sūdzību savas valsts datu aizsardzības iestādei.",
        "lt": "Prisijungę savo paskyros puslapyje galite atsisiųsti viską, ką svetainė apie jus saugo, ir "
        "iš karto ištrinti savo profilį bei paskyrą. Taip pat galite paprašyti redaktorių ką nors "
        "ištaisyti ir pateikti skundą savo šalies duomenų apsaugos institucijai.",
        "et": "Sisse logituna saate oma kontolehel alla laadida kõik, mida sait teie kohta säilitab, ning "
        "oma profiili ja konto kohe kustutada. Samuti võite paluda toimetajatel midagi parandada ja "
        "esitada kaebuse oma riigi andmekaitseasutusele.",
        "ru": "Войдя на сайт, вы можете на странице своей учётной записи скачать всё, что сайт о вас "
        "хранит, и сразу удалить свой профиль и учётную запись. Вы также можете попросить редакторов "
        "что-то исправить и подать жалобу в орган по защите данных своей страны.",
    },
    "Who sees your data": {
        "lv": "Kas redz jūsu datus",
        "lt": "Kas mato jūsų duomenis",
        "et": "Kes teie andmeid näeb",
        "ru": "Кто видит ваши данные",
    },
    "Editors and moderators see profiles before they are published; administrators see contact details "
    "and the records of messages. We do not sell data or give it to anyone else.": {
        "lv": "Redaktori un moderatori redz profilus, pirms tie tiek publicēti; administratori redz "
        "kontaktinformāciju un ziņu ierakstus. Mēs datus nepārdodam un nevienam citam nenododam.",
        "lt": "Redaktoriai ir moderatoriai mato profilius prieš juos paskelbiant; administratoriai mato "
        "kontaktinius duomenis ir žinučių įrašus. Duomenų neparduodame ir niekam kitam neperduodame.",
        "et": "Toimetajad ja moderaatorid näevad profiile enne nende avaldamist; administraatorid näevad "
        "kontaktandmeid ja sõnumite kirjeid. Me ei müü andmeid ega anna neid kellelegi teisele.",
        "ru": "Редакторы и модераторы видят профили до их публикации; администраторы видят контактные "
        "данные и записи о сообщениях. Мы не продаём данные и никому их не передаём.",
    },
    DATA_QUESTIONS: {
        "lv": "Jautājumi par jūsu datiem?",
        "lt": "Klausimų apie savo duomenis?",
        "et": "Küsimusi oma andmete kohta?",
        "ru": "Вопросы о ваших данных?",
    },
    WRITE_TO_EDITORS: {
        "lv": "Rakstīt redaktoriem",
        "lt": "Rašyti redaktoriams",
        "et": "Kirjuta toimetajatele",
        "ru": "Написать редакторам",
    },
    TAKE_PART: {
        "lv": "Vēlaties iesaistīties vai jums ir jautājums redaktoriem?",
        "lt": "Norite prisijungti ar turite klausimą redaktoriams?",
        "et": "Soovite kaasa lüüa või on teil toimetajatele küsimus?",
        "ru": "Хотите присоединиться или у вас есть вопрос к редакторам?",
    },
    CONTACT_TITLE: {
        "lv": "Kontakti un vietnes uzturētājs",
        "lt": "Kontaktai ir svetainės valdytojas",
        "et": "Kontakt ja saidi haldaja",
        "ru": "Контакты и кто ведёт сайт",
    },
    "contact": {"lv": "contact", "lt": "contact", "et": "contact", "ru": "contact"},
    CONTACT_INTRO: {
        "lv": "Kas uztur šo vietni un kā sazināties ar jūsu valsts redaktoriem.",
        "lt": "Kas tvarko šią svetainę ir kaip susisiekti su jūsų šalies redaktoriais.",
        "et": "Kes seda saiti haldab ja kuidas jõuda oma riigi toimetajateni.",
        "ru": "Кто ведёт этот сайт и как связаться с редакторами вашей страны.",
    },
    "Who runs the site": {
        "lv": "Kas uztur vietni",
        "lt": "Kas tvarko svetainę",
        "et": "Kes saiti haldab",
        "ru": "Кто ведёт сайт",
    },
    "The Nordic-Baltic Integration Network's site is run by its coordinating organisation, the operator, "
    "together with editors in Latvia, Lithuania, Estonia and the Nordic countries. This is a demo site: "
    "its organisations and people are illustrative, and a real site names the operator's organisation, "
    "registration number and address here.": {
        "lv": "Ziemeļvalstu un Baltijas integrācijas tīkla vietni uztur tā koordinējošā organizācija — "
        "operators — kopā ar redaktoriem Latvijā, Lietuvā, Igaunijā un Ziemeļvalstīs. Šī ir "
        "demonstrācijas vietne: tās organizācijas un cilvēki ir izdomāti, un īsta vietne šeit norāda "
        "operatora organizāciju, reģistrācijas numuru un adresi.",
        "lt": "Šiaurės ir Baltijos šalių integracijos tinklo svetainę tvarko jo koordinuojanti "
        "organizacija – valdytojas – kartu su redaktoriais Latvijoje, Lietuvoje, Estijoje ir Šiaurės "
        "šalyse. Tai demonstracinė svetainė: jos organizacijos ir žmonės yra išgalvoti, o tikra svetainė "
        "čia nurodo valdytojo organizaciją, registracijos numerį ir adresą.",
        "et": "Põhja- ja Balti riikide lõimumisvõrgustiku saiti haldab selle koordineeriv organisatsioon "
        "ehk haldaja koos toimetajatega Lätis, Leedus, Eestis ja Põhjamaades. See on näidissait: selle "
        "organisatsioonid ja inimesed on väljamõeldud ning päris sait nimetab siin haldaja "
        "organisatsiooni, registrikoodi ja aadressi.",
        "ru": "Сайт Северо-Балтийской сети по интеграции ведёт её координирующая организация — оператор — "
        "вместе с редакторами в Латвии, Литве, Эстонии и Северных странах. Это демонстрационный сайт: его "
        "организации и люди вымышлены, а настоящий сайт указывает здесь организацию оператора, "
        "регистрационный номер и адрес.",
    },
    "The editors in your country": {
        "lv": "Redaktori jūsu valstī",
        "lt": "Redaktoriai jūsų šalyje",
        "et": "Toimetajad teie riigis",
        "ru": "Редакторы в вашей стране",
    },
    "Each country has its own editors. They check profiles, practices and guides before they are "
    "published, keep the guides up to date, and answer questions about membership, corrections and your "
    "data. Write to them with the form below: choose your country, and they answer you by e-mail.": {
        "lv": "Katrai valstij ir savi redaktori. Viņi pārbauda profilus, labo praksi un ceļvežus pirms "
        "publicēšanas, uztur ceļvežus aktuālus un atbild uz jautājumiem par dalību, labojumiem un jūsu "
        "datiem. Rakstiet viņiem ar zemāk esošo veidlapu: izvēlieties savu valsti, un viņi jums atbildēs "
        "pa e-pastu.",
        "lt": "Kiekviena šalis turi savo redaktorius. Jie patikrina profilius, gerąją praktiką ir gidus "
        "prieš juos paskelbiant, nuolat atnaujina gidus ir atsako į klausimus apie narystę, pataisymus ir "
        "jūsų duomenis. Rašykite jiems per toliau pateiktą formą: pasirinkite savo šalį, ir jie atsakys "
        "jums el. paštu.",
        "et": "Igal riigil on oma toimetajad. Nad kontrollivad profiile, häid praktikaid ja juhendeid "
        "enne avaldamist, hoiavad juhendid ajakohasena ning vastavad küsimustele liikmesuse, paranduste "
        "ja teie andmete kohta. Kirjutage neile allolevas vormis: valige oma riik ja nad vastavad teile "
        "e-postiga.",
        "ru": "В каждой стране есть свои редакторы. Они проверяют профили, практики и памятки перед "
        "публикацией, поддерживают памятки в актуальном состоянии и отвечают на вопросы об участии, "
        "исправлениях и ваших данных. Напишите им через форму ниже: выберите свою страну, и они ответят "
        "вам по электронной почте.",
    },
    "In an emergency, do not wait for an answer: call 112, in every country of the region.": {
        "lv": "Ārkārtas gadījumā negaidiet atbildi: zvaniet 112 — tas darbojas visās reģiona valstīs.",
        "lt": "Nelaimės atveju nelaukite atsakymo: skambinkite 112 – šis numeris veikia visose regiono "
        "šalyse.",
        "et": "Hädaolukorras ärge oodake vastust: helistage 112, see toimib kõigis piirkonna riikides.",
        "ru": "В экстренной ситуации не ждите ответа: звоните 112 — этот номер работает во всех странах "
        "региона.",
    },
}
