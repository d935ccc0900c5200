"""The demo library's summaries in the site's other languages (``Publication.summary_<lang>``).

Each publication's own summary is in the language it is written in (``demo_data.PUBLICATIONS``);
a reader of another language sees the one here, so that a Latvian page does not describe an
English report in English. Run by ``seed_demo`` after the knowledge base; idempotent.
"""

from __future__ import annotations

from .models import Publication

# Publication title -> {language: summary}, for every site language but the publication's own.
SUMMARIES: dict[str, dict[str, str]] = {
    "Konsultatīvie mehānismi imigrantu integrācijai": {
        "en": "A study of consultative mechanisms for immigrants in other EU countries, with "
        "recommendations for Latvia.",
        "lt": "Tyrimas apie kitų ES šalių konsultacinius mechanizmus imigrantams ir rekomendacijos Latvijai.",
        "et": "Uuring teiste ELi riikide sisserändajate nõuandvate mehhanismide kohta ja soovitused Lätile.",
        "ru": "Исследование консультативных механизмов для иммигрантов в других странах ЕС и рекомендации "
        "для Латвии.",
    },
    "Consultative mechanisms for immigrant integration": {
        "lv": "Pētījuma par imigrantu konsultatīvajām institūcijām citās ES valstīs versija angļu valodā.",
        "lt": "Tyrimo apie imigrantų konsultacines institucijas kitose ES šalyse versija anglų kalba.",
        "et": "Teiste ELi riikide sisserändajate nõuandvate kogude uuringu ingliskeelne versioon.",
        "ru": "Английская версия исследования консультативных органов для иммигрантов в других странах ЕС.",
    },
    "Консультативные механизмы интеграции иммигрантов": {
        "en": "The Russian version of the study of consultative mechanisms for immigrants in other EU "
        "countries.",
        "lv": "Pētījuma par imigrantu konsultatīvajiem mehānismiem citās ES valstīs versija krievu valodā.",
        "lt": "Tyrimo apie imigrantų konsultacinius mechanizmus kitose ES šalyse versija rusų kalba.",
        "et": "Teiste ELi riikide sisserändajate nõuandvate mehhanismide uuringu venekeelne versioon.",
    },
    "Jauno tehnoloģiju izmantošana interešu aizstāvības darbā": {
        "en": "A presentation from the NGO training on advocacy.",
        "lt": "Pristatymas iš NVO mokymų apie interesų gynimą.",
        "et": "Ettekanne MTÜ-de huvikaitsekoolituselt.",
        "ru": "Презентация с тренинга для НКО по защите интересов.",
    },
    "National integration evaluation: Latvia report 2020": {
        "lv": "Latvijas integrācijas sistēmas galvenās problēmas, balstoties uz sekundārās migrācijas "
        "analīzi.",
        "lt": "Pagrindiniai Latvijos integracijos sistemos iššūkiai, remiantis antrinio judėjimo analize.",
        "et": "Läti lõimumissüsteemi peamised probleemid edasirände analüüsi põhjal.",
        "ru": "Основные проблемы системы интеграции Латвии на основе анализа вторичной миграции.",
    },
    "Minutes of the coalition meeting of October 2020": {
        "en": "The minutes of the meeting, submitted to the Human Rights Committee of the Saeima.",
        "lt": "Susitikimo protokolas, pateiktas Latvijos Seimo Žmogaus teisių komisijai.",
        "et": "Koosoleku protokoll, mis esitati Saeima inimõiguste komisjonile.",
        "ru": "Протокол заседания, представленный Комиссии по правам человека Сейма Латвии.",
    },
    "Summary report of the annual Latvian Roma platform meeting": {
        "lv": "Latvijas romu platformas rezultāti, izaicinājumi un prioritātes.",
        "lt": "Latvijos romų platformos rezultatai, iššūkiai ir prioritetai.",
        "et": "Läti romade platvormi tulemused, väljakutsed ja prioriteedid.",
        "ru": "Результаты, проблемы и приоритеты Латвийской платформы по делам ромов.",
    },
    "Romų įdarbinimo patirtis Vilniuje": {
        "en": "A presentation of the results of the project “Let’s work together with the Roma”.",
        "lv": "Prezentācija par projekta “Strādāsim kopā ar romiem” rezultātiem.",
        "et": "Ettekanne projekti „Töötame koos romadega“ tulemustest.",
        "ru": "Презентация о результатах проекта «Работаем вместе с ромами».",
    },
    "Tervitusteenuste kontrollnimekiri": {
        "en": "A shared checklist of first services for three cities (demo document).",
        "lv": "Kopīgs pirmo pakalpojumu kontrolsaraksts trim pilsētām (demonstrācijas dokuments).",
        "lt": "Bendras pirmųjų paslaugų kontrolinis sąrašas trims miestams (demonstracinis dokumentas).",
        "ru": "Общий контрольный список первых услуг для трёх городов (демонстрационный документ).",
    },
    "Local integration action planning in the Baltic states": {
        "lv": "Ko Ziemeļvalstu un Baltijas valstu sadarbība uzzināja par vietējiem rīcības plāniem "
        "(ilustratīvs demonstrācijas dokuments).",
        "lt": "Ką Šiaurės ir Baltijos šalių bendradarbiavimas sužinojo apie vietos veiksmų planus "
        "(iliustracinis demonstracinis dokumentas).",
        "et": "Mida Põhja- ja Balti riikide koostöö kohalike tegevuskavade kohta õppis (illustreeriv "
        "näidisdokument).",
        "ru": "Чему сотрудничество Северных и Балтийских стран научилось в работе над местными планами "
        "действий (иллюстративный демонстрационный документ).",
    },
}


def build() -> dict[str, int]:
    changed = 0
    for title, summaries in SUMMARIES.items():
        publication = Publication.objects.filter(title=title).first()
        if publication is None:
            continue
        fields = {f"summary_{language}": text for language, text in summaries.items()}
        stale = [name for name, text in fields.items() if getattr(publication, name) != text]
        if stale:
            for name in stale:
                setattr(publication, name, fields[name])
            publication.save()
            changed += 1
    return {"publication summaries changed": changed}
