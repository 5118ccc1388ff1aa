"""Demo data for projects, news, the course catalogue and a company with staff.

Projects, places, organisations and the course categories come from the articles in
shared/seeds, retold; people, course titles and numbers are invented. Everything is keyed on a
natural key, so running it again changes nothing (dates of upcoming occasions move with today).
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from devdata.demo.portal import demo_user
from portal.models import Organisation, Region
from projects.models import (
    CompetenceNeed,
    Course,
    CourseCategory,
    Employee,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    ProfessionalNetwork,
    Project,
    ProjectLeader,
    ReferenceGroupMember,
    TargetGroup,
)
from projects.vocabularies import TARGET_GROUPS

LEADER_EMAIL = "projektledare@demo.kompetensportalen.se"
DEMO_COMPANY = "Östgöta Verkstadsteknik AB"

CATEGORIES = [
    ("matteknik", "Mätteknik", "Mätning, toleranser och kvalitetssäkring i produktionen."),
    ("robot", "Robotutbildning", "Programmering, säkerhet och felsökning av industrirobotar."),
    ("truck", "Truckutbildning", "Truck- och traverskörning enligt gällande krav."),
    ("ledarskap", "Ledarskap", "För arbetsledare, produktionsledare och blivande chefer."),
    (
        "intern-kommunikation",
        "Intern kommunikation",
        "Information, överlämningar och samarbete på arbetsplatsen.",
    ),
]

EQUALITY = (
    "Vi följer upp att andelen kvinnor och män bland kursdeltagarna speglar fördelningen bland de "
    "anställda på varje företag, och tar upp frågan i ledarskapsutbildningarna."
)
ACCESSIBILITY = (
    "Utbildningsleverantörerna ska anpassa kurserna så att alla anställda kan delta, oavsett "
    "funktionsvariation. Lokaler och digitala kurser väljs med det i tanke."
)
NON_DISCRIMINATION = (
    "Alla anställda på de deltagande företagen ska ha samma möjlighet att gå kurser, "
    "oavsett bakgrund, ålder eller modersmål."
)


def _month_start(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    return datetime.date(day.year + year, month + 1, 1)


def _projects(today):
    """(slug, fields, regions, funders, target groups)"""
    return [
        (
            "smart-kompetens",
            {
                "name": "Smart kompetens för industrin i Östra Mellansverige",
                "owner": "region-ostergotland",
                "summary": "Fem regioner erbjuder tillsammans kompetenshöjning till anställda i omkring 70 "
                "industriföretag, från små verkstäder till stora teknikföretag.",
                "body": "<p>Tekniken i industrin utvecklas snabbt, och med den kraven på vad de anställda behöver "
                "kunna. I projektet samarbetar Östergötland, Sörmland, Västmanland, Uppsala och Örebro om "
                "utbildning för runt 5 000 anställda.</p><h2>Så gick det till</h2><p>Först gjordes en "
                "kompetens- och behovsanalys i alla fem regionerna. Den visade behov av allt från mätteknik, "
                "robotar och truck till ledarskap och intern kommunikation. Utifrån den togs över 1 200 "
                "utbildningsaktiviteter fram, på individ- och gruppnivå.</p><p>Alla kurser finns samlade i "
                "Kompetensportalen, där företagens kontaktpersoner anmäler sin personal.</p>",
                "starts_on": _month_start(today, -8),
                "ends_on": _month_start(today, 16) - datetime.timedelta(days=1),
                "target_companies": 70,
                "target_employees": 5000,
                "target_hours": 60000,
                "contact_name": "Projektkansliet, Region Östergötland",
                "contact_email": "smartkompetens@demo.example",
            },
            ["ostergotland", "sormland", "vastmanland", "uppsala", "orebro"],
            ["svenska-esf-radet"],
            [],
        ),
        (
            "xf-framtidssakring",
            {
                "name": "XF – framtidssäkring av regional tillverkningsindustri",
                "owner": "region-jonkopings-lan",
                "summary": "Näringsliv, region och utbildningsaktörer i Gnosjöregionen och Jönköpings län samverkar "
                "för att industrin ska få rätt kompetens på kort och lång sikt.",
                "body": "<p>Regionen har en låg generell utbildningsnivå, en könsuppdelad arbetsmarknad och få unga "
                "som söker industriutbildningar, samtidigt som företagen har svårt att rekrytera. XF tar ett "
                "helhetsgrepp om utbildning, industrins attraktivitet, generationsväxling och integration.</p>"
                "<p>Målet är en gemensam modell för kompetensförsörjning som matchar företag och arbetssökande "
                "och gör utbildningarnas innehåll mer relevant.</p>",
                "starts_on": _month_start(today, -4),
                "ends_on": _month_start(today, 32) - datetime.timedelta(days=1),
                "target_companies": 25,
                "target_employees": 400,
                "target_hours": 6000,
            },
            ["jonkoping"],
            ["region-jonkopings-lan"],
            ["unga", "nyanlanda", "arbetslosa", "karriarvaxlare"],
        ),
        (
            "ett-kompetenslyft-for-sverige",
            {
                "name": "Ett kompetenslyft för Sverige",
                "owner": "region-vastmanland",
                "summary": "Tio industriföretag i Västmanland gör en gemensam satsning på kompetensutveckling, med "
                "kurser och professionella nätverk för samma yrkesroller.",
                "body": "<p>Teknikutvecklingen gör att också medarbetare med lång erfarenhet behöver bygga på sin "
                "kompetens. Projektet ger företagen en start i det arbetet och når stora utbildningsvolymer.</p>"
                "<p>Lika viktigt som kurserna är att hitta arbetssätt som håller efter projektet, bland annat "
                "i samverkan med det offentliga utbildningssystemet.</p>",
                "starts_on": _month_start(today, -12),
                "ends_on": _month_start(today, 12) - datetime.timedelta(days=1),
                "target_companies": 10,
                "target_employees": 800,
                "target_hours": 12000,
                "gender_equality": EQUALITY,
                "accessibility": ACCESSIBILITY,
                "non_discrimination": NON_DISCRIMINATION,
            },
            ["vastmanland"],
            ["svenska-esf-radet"],
            [],
        ),
        (
            "industridag-ostergotland",
            {
                "name": "Industridag Östergötland",
                "owner": "industrikompetens",
                "summary": "Möten mellan skola, Arbetsförmedlingen och industri- och teknikföretag, så att fler unga "
                "får upp ögonen för yrkena i industrin.",
                "body": "<p>Industridagen samlar kommuner, skolor och företag. Vid rundabordssamtalen lämnar varje "
                "kommunbord in en åtgärdslista, som följs upp vid ett senare möte.</p><p>Unga medarbetare "
                "från industrin berättar som yrkesambassadörer om sina jobb, på film, i text och på scen.</p>",
                "starts_on": datetime.date(2014, 9, 1),
                "ends_on": None,
            },
            ["ostergotland"],
            ["region-ostergotland"],
            ["unga"],
        ),
        (
            "regionala-strukturer-for-validering",
            {
                "name": "Regionala strukturer för validering i Östra Mellansverige",
                "owner": "region-vastmanland",
                "summary": "Samverkan mellan skola och arbetsliv om validering och strategisk kompetensförsörjning.",
                "body": "<p>Reformer som YH-flex, omställningsreformen och valideringsförordningen förändrar "
                "utbildningssystemet. Projektet bygger strukturer så att kunskap som redan finns hos "
                "människor kan synliggöras och tas till vara av arbetsgivarna.</p>",
                "starts_on": datetime.date(2023, 1, 1),
                "ends_on": datetime.date(2025, 12, 31),
            },
            ["vastmanland", "ostergotland", "sormland", "uppsala", "orebro"],
            ["tillvaxtverket"],
            [],
        ),
    ]


NEWS = [
    # (project slug, slug, title, lead, body, published)
    (
        "industridag-ostergotland",
        "sommarmingel-pa-slottet",
        "Sommarmingel i slottsträdgården",
        "Deltagarna från Industridag 2015 möttes igen i juni, hos landshövdingen.",
        "<p>Minglet fortsatte arbetet med att skapa möten mellan skolan, Arbetsförmedlingen och företagen bakom "
        "projektet. En speed-date med 60 deltagare, hälften från industrin och hälften från skola och "
        "arbetsförmedling, gav många nya kontakter trots regnet.</p>",
        datetime.datetime(2015, 6, 18, 9, 0),
    ),
    (
        "industridag-ostergotland",
        "stafettpinnarna",
        "Stafettpinnarna följdes upp",
        "Kommunerna berättade vad de gjort sedan rundabordssamtalen på Industridagen.",
        "<p>Exemplen var många: en tidning om industrijobb, månadsmöten för studie- och yrkesvägledare på "
        "näringslivskontoret, kompetensbytardagar, branschråd och teknikprojekt redan i förskolan.</p>",
        datetime.datetime(2016, 2, 2, 9, 0),
    ),
    (
        "industridag-ostergotland",
        "yrkesambassadorer",
        "En bank av yrkesambassadörer",
        "Unga medarbetare i industrin ska inspirera elever, lärare och vägledare.",
        "<p>Industridagen har alltid haft unga ambassadörer från industrin. Nu byggs en bank av dem som skolor "
        "och vägledare kan använda, och snart presenteras en ny ambassadör varje vecka.</p>",
        datetime.datetime(2016, 10, 5, 9, 0),
    ),
    (
        "industridag-ostergotland",
        "ny-projektledare",
        "Ny projektledare för Industridagen",
        "Projektledaren sedan starten lämnar över till en kollega och går in i referensgruppen.",
        "<p>Den nya projektledaren leder också Teknikcollege i länet och ser stora vinster i att initiativen "
        "har samma mål: att locka framtidens medarbetare till industri- och teknikföretagen.</p>",
        datetime.datetime(2016, 10, 19, 9, 0),
    ),
    (
        "regionala-strukturer-for-validering",
        "fullsatt-konferens",
        "Fullsatt konferens om framtidens arbetsmarknad",
        "Omkring 140 deltagare från skola och arbetsliv i Västmanland möttes en heldag.",
        "<p>På förmiddagen talade regionen, näringslivet och Myndigheten för yrkeshögskolan. På eftermiddagen "
        "valde deltagarna ett av tre spår: verktyg för strategisk kompetensförsörjning, validering i "
        "utbildningen och vägledning för framtidens kompetens.</p>",
        datetime.datetime(2024, 4, 17, 9, 0),
    ),
]


def _relative_news(today):
    return [
        (
            "smart-kompetens",
            "kompetenshojningen-startar",
            "Kompetenshöjningen för industrin startar",
            "Utbildningarna för anställda från 70 företag börjar nu, och alla kurser finns i Kompetensportalen.",
            "<p>Efter behovsanalysen i de fem regionerna är kurserna på plats. Företagens kontaktpersoner anmäler "
            "sin personal direkt i portalen.</p>",
            datetime.datetime.combine(_month_start(today, -8), datetime.time(9, 0)),
        ),
        (
            "smart-kompetens",
            "behovsanalysen-klar",
            "Behovsanalysen visar bredd",
            "Företagen efterfrågar allt från mätteknik till intern kommunikation.",
            "<p>Över 1 200 utbildningsaktiviteter har tagits fram för olika grupper av anställda.</p>",
            datetime.datetime.combine(_month_start(today, -7) + datetime.timedelta(days=9), datetime.time(9, 0)),
        ),
        (
            "ett-kompetenslyft-for-sverige",
            "full-fart-med-utbildningarna",
            "Full fart med utbildningarna",
            "Många kurser drar igång nu, och de första professionella nätverken har startat.",
            "<p>Projektledningen, utbildningsleverantören och företagen har tillsammans konkretiserat innehållet. "
            "I nätverken möts personer med samma yrkesroll från de tio företagen.</p>",
            datetime.datetime.combine(_month_start(today, -2) + datetime.timedelta(days=4), datetime.time(9, 0)),
        ),
    ]


COURSES = [
    # (project slug, title, category slug, level, provider slug, hours, description)
    (
        "smart-kompetens",
        "Grundläggande mätteknik",
        "matteknik",
        "individual",
        "industrikompetens",
        16,
        "Mätdon, mätosäkerhet och dokumentation för operatörer som mäter i produktionen.",
    ),
    (
        "smart-kompetens",
        "Mätning med koordinatmätmaskin",
        "matteknik",
        "individual",
        "industrikompetens",
        24,
        "Uppmätning, programmering och rapporter med koordinatmätmaskin (CMM).",
    ),
    (
        "smart-kompetens",
        "Ritningsläsning och toleranser",
        "matteknik",
        "group",
        "competence",
        12,
        "Läsa ritningar, förstå toleranser och passningar, och koppla dem till mätningen.",
    ),
    (
        "smart-kompetens",
        "Mätsystemanalys i praktiken",
        "matteknik",
        "group",
        "industrikompetens",
        8,
        "Hur bra är våra mätsystem? Upprepbarhet och reproducerbarhet med exempel från verkstaden.",
    ),
    (
        "smart-kompetens",
        "Robotprogrammering, grund",
        "robot",
        "individual",
        "industrikompetens",
        32,
        "Koordinatsystem, rörelser och enkla program för industrirobotar.",
    ),
    (
        "smart-kompetens",
        "Robotsäkerhet för operatörer",
        "robot",
        "group",
        "industrikompetens",
        6,
        "Säkert arbete i och kring robotceller: skydd, nödstopp och riskbedömning.",
    ),
    (
        "smart-kompetens",
        "Samarbetande robotar i produktionen",
        "robot",
        "individual",
        "competence",
        12,
        "Kollaborativa robotar: när passar de, och hur införs de säkert?",
    ),
    (
        "smart-kompetens",
        "Felsökning i robotceller",
        "robot",
        "individual",
        "industrikompetens",
        16,
        "Systematisk felsökning av robotar, givare och styrsystem.",
    ),
    (
        "smart-kompetens",
        "Truckutbildning A och B",
        "truck",
        "individual",
        "industrikompetens",
        24,
        "Motvikts- och skjutstativtruck enligt gällande krav, med teori och praktiskt prov.",
    ),
    (
        "smart-kompetens",
        "Repetition för truckförare",
        "truck",
        "group",
        "industrikompetens",
        4,
        "Uppfräschning av regler, säkerhet och daglig tillsyn för erfarna förare.",
    ),
    (
        "smart-kompetens",
        "Traverskörning och lastsäkring",
        "truck",
        "individual",
        "competence",
        8,
        "Säkra lyft med travers och rätt lastsäkring.",
    ),
    (
        "smart-kompetens",
        "Ledarskap för nya arbetsledare",
        "ledarskap",
        "individual",
        "competence",
        24,
        "Rollen som arbetsledare: mål, feedback, arbetsmiljö och svåra samtal.",
    ),
    (
        "smart-kompetens",
        "Coachande ledarskap",
        "ledarskap",
        "group",
        "competence",
        16,
        "Att leda genom frågor och stötta medarbetarnas egen utveckling.",
    ),
    (
        "smart-kompetens",
        "Jämställt och inkluderande ledarskap",
        "ledarskap",
        "group",
        "kompetensutvecklingsinstitutet",
        8,
        "Hur ledare skapar lika villkor på arbetsplatsen, med verktyg för vardagen.",
    ),
    (
        "smart-kompetens",
        "Tydlig kommunikation på arbetsplatsen",
        "intern-kommunikation",
        "group",
        "competence",
        8,
        "Information som når fram: möten, tavlor och digitala kanaler i produktionen.",
    ),
    (
        "smart-kompetens",
        "Skiftöverlämningar som fungerar",
        "intern-kommunikation",
        "group",
        "industrikompetens",
        4,
        "Struktur och checklistor för överlämningar mellan skift.",
    ),
    (
        "smart-kompetens",
        "Svenska på arbetsplatsen",
        "intern-kommunikation",
        "individual",
        "kompetensutvecklingsinstitutet",
        40,
        "Yrkessvenska för medarbetare med annat modersmål, med ord från verkstaden.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Leda förändring i produktionen",
        "ledarskap",
        "group",
        "competence",
        16,
        "För produktionsledare som leder omställning och nya arbetssätt.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Robotprogrammering, fortsättning",
        "robot",
        "individual",
        "competence",
        24,
        "Avancerade program, offline-programmering och optimering av cykeltider.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Mätteknik för underhållstekniker",
        "matteknik",
        "individual",
        "competence",
        12,
        "Mätning vid underhåll och installation av maskiner.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Presentationsteknik för arbetsledare",
        "intern-kommunikation",
        "individual",
        "competence",
        6,
        "Att presentera resultat och förändringar för sin grupp.",
    ),
    (
        "xf-framtidssakring",
        "Introduktion till industrin för nyanställda",
        "intern-kommunikation",
        "group",
        "kompetensutvecklingsinstitutet",
        16,
        "Säkerhet, kvalitet och kultur i en tillverkande industri.",
    ),
    (
        "xf-framtidssakring",
        "Truckutbildning för nyanställda",
        "truck",
        "individual",
        "kompetensutvecklingsinstitutet",
        16,
        "Grundläggande truckkörning för den som börjar i lager och produktion.",
    ),
    (
        "xf-framtidssakring",
        "Handledarskap för yrkeselever",
        "ledarskap",
        "individual",
        "kompetensutvecklingsinstitutet",
        8,
        "Att ta emot och handleda elever och praktikanter från yrkesprogram.",
    ),
]

PLACES = {
    "ostergotland": [
        "Linköping, Industrikompetens utbildningslokaler",
        "Norrköping, Kunskapens hus",
        "Motala, Verkstadsgatan 4",
    ],
    "sormland": ["Eskilstuna, Munktell Science Park"],
    "vastmanland": ["Västerås, Competence utbildningscenter", "Fagersta, Brinellskolan"],
    "uppsala": ["Uppsala, Fyrislund"],
    "orebro": ["Örebro, Aspholmen"],
    "jonkoping": ["Gnosjö, Industrihuset", "Värnamo, Campus Värnamo"],
}

STAFF = [
    # (first, last, gender, job title)
    ("Anna", "Berglund", "woman", "CNC-operatör"),
    ("Johan", "Lindqvist", "man", "Mättekniker"),
    ("Sara", "Ekström", "woman", "Produktionsledare"),
    ("Mehmet", "Yilmaz", "man", "Svetsare"),
    ("Alex", "Sjöberg", "non_binary", "Robottekniker"),
    ("Karin", "Holm", "woman", "Kvalitetsingenjör"),
    ("Erik", "Nyström", "man", "Truckförare"),
    ("Fatima", "Hassan", "woman", "Montör"),
    ("Lars", "Åkesson", "man", "Underhållstekniker"),
    ("Maja", "Lund", "woman", "Lagerarbetare"),
    ("Per", "Gustafsson", "man", "Skiftledare"),
    ("Noor", "Ali", "woman", "Operatör"),
]

OTHER_COMPANY_STAFF = [
    ("Mikael", "Strand", "man"),
    ("Lina", "Björk", "woman"),
    ("Omar", "Said", "man"),
    ("Ida", "Wallin", "woman"),
    ("Robin", "Falk", "non_binary"),
    ("Hanna", "Eld", "woman"),
]


def seed(stdout=None) -> None:
    today = timezone.localdate()
    now = timezone.now()
    zone = timezone.get_current_timezone()

    Organisation.objects.update_or_create(
        slug="svenska-esf-radet", defaults={"name": "Svenska ESF-rådet", "kind": Organisation.Kind.AGENCY}
    )
    # The target groups come with migration 0003; recreate them if the database was emptied since
    # (a flushed test database), as the ambassadors' demo does with the age groups.
    for slug, name, position in TARGET_GROUPS:
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    categories = {}
    for position, (slug, name, description) in enumerate(CATEGORIES, start=1):
        categories[slug], _ = CourseCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )

    leader = demo_user(LEADER_EMAIL, "Petra", "Projektledare")
    former = demo_user("tidigare.projektledare@demo.kompetensportalen.se", "Elsa", "Hallberg")
    projects = {}
    for slug, fields, regions, funders, groups in _projects(today):
        fields = {
            **fields,
            "owner": Organisation.objects.get(slug=fields["owner"]),
            "status": Project.Status.PUBLISHED,
        }
        project, _ = Project.objects.update_or_create(slug=slug, defaults=fields)
        project.regions.set(Region.objects.filter(slug__in=regions))
        project.funders.set(Organisation.objects.filter(slug__in=funders))
        project.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
        projects[slug] = project
        started = project.starts_on if slug != "industridag-ostergotland" else datetime.date(2016, 10, 1)
        ProjectLeader.objects.update_or_create(
            project=project, user=leader, defaults={"title": "Projektledare", "started_on": started}
        )

    # Industridagen changed leaders; the earlier one stays in the history and joined the reference group.
    industridag = projects["industridag-ostergotland"]
    ProjectLeader.objects.update_or_create(
        project=industridag,
        user=former,
        defaults={
            "title": "Projektledare",
            "started_on": datetime.date(2014, 9, 1),
            "ended_on": datetime.date(2016, 9, 30),
        },
    )
    ReferenceGroupMember.objects.update_or_create(
        project=industridag,
        name="Elsa Hallberg",
        defaults={
            "title": "Vice vd",
            "organisation": Organisation.objects.get(slug="industrikompetens"),
            "order": 1,
        },
    )
    ReferenceGroupMember.objects.update_or_create(
        project=industridag,
        name="Jonas Ek",
        defaults={
            "title": "Studie- och yrkesvägledare",
            "organisation": Organisation.objects.get(slug="linkopings-kommun"),
            "order": 2,
        },
    )
    ReferenceGroupMember.objects.update_or_create(
        project=projects["smart-kompetens"],
        name="Maria Sand",
        defaults={
            "title": "Näringslivsutvecklare",
            "organisation": Organisation.objects.get(slug="region-ostergotland"),
        },
    )

    for role, description, meets in [
        (
            "Produktionsledare",
            "Erfarenhetsutbyte om planering, bemanning och förbättringsarbete.",
            "Varannan månad",
        ),
        (
            "Underhållstekniker",
            "Förebyggande underhåll och felsökning, med studiebesök hos varandra.",
            "En gång i kvartalet",
        ),
        (
            "HR och kompetensförsörjning",
            "Rekrytering, kompetensplaner och samverkan med skolor.",
            "Varannan månad, digitalt",
        ),
    ]:
        ProfessionalNetwork.objects.update_or_create(
            project=projects["ett-kompetenslyft-for-sverige"],
            role=role,
            defaults={"description": description, "meets": meets},
        )

    participants = [
        ("smart-kompetens", DEMO_COMPANY, 48, 112, 2),
        ("smart-kompetens", "Scanfil", 150, 210, 3),
        ("smart-kompetens", "Luvata", 90, 260, 1),
        ("smart-kompetens", "Mälardalens Mekaniska AB", 22, 58, 0),
        ("ett-kompetenslyft-for-sverige", "Seco Tools", 310, 640, 4),
        ("ett-kompetenslyft-for-sverige", "Westinghouse", 120, 380, 2),
        ("ett-kompetenslyft-for-sverige", "AA Logistik", 40, 95, 1),
        ("xf-framtidssakring", "Gnosjö Automatsvarvning", 18, 64, 0),
    ]
    for project_slug, company_name, women, men, non_binary in participants:
        ParticipatingCompany.objects.update_or_create(
            project=projects[project_slug],
            company=Organisation.objects.get(slug=slugify(company_name)),
            defaults={
                "women": women,
                "men": men,
                "non_binary": non_binary,
                "joined_on": projects[project_slug].starts_on,
                "status": ParticipatingCompany.Status.ACCEPTED,
            },
        )

    for project_slug, slug, title, lead, body, published in [*NEWS, *_relative_news(today)]:
        NewsPost.objects.update_or_create(
            project=projects[project_slug],
            slug=slug,
            defaults={
                "title": title,
                "lead": lead,
                "body": body,
                "author": leader,
                "published_at": timezone.make_aware(published, zone),
            },
        )

    occasions = _seed_catalogue(projects, categories, today, zone)
    _seed_companies(occasions, categories, now)
    _seed_industry_courses(projects, categories, today, zone)
    _mark_eu_funded(projects)

    if stdout:
        stdout.write(
            f"  projects: {Project.objects.count()} projects, {Course.objects.count()} courses, "
            f"{Occasion.objects.count()} occasions, {Employee.objects.count()} employees"
        )


def _seed_catalogue(projects, categories, today, zone, courses=COURSES, first_index=0) -> list[Occasion]:
    providers = {
        slug: Organisation.objects.get(slug=slug)
        for slug in ("industrikompetens", "competence", "kompetensutvecklingsinstitutet")
    }
    regions = {region.slug: region for region in Region.objects.all()}
    created = []
    for index, (project_slug, title, category, level, provider, hours, description) in enumerate(
        courses, start=first_index
    ):
        project = projects[project_slug]
        course, _ = Course.objects.update_or_create(
            project=project,
            title=title,
            defaults={
                "category": categories[category],
                "level": level,
                "provider": providers[provider],
                "hours": Decimal(hours),
                "description": description,
            },
        )
        project_regions = sorted(region.slug for region in project.regions.all())
        specs = []
        # One occasion that has taken place (for attendance and progress), and two or three ahead.
        for number, days_ahead in enumerate((-45 - index, 10 + index * 3, 40 + index * 2, 75 + index)):
            if number == 3 and index % 2:
                continue
            region_slug = project_regions[(index + number) % len(project_regions)]
            online = level == "individual" and category == "intern-kommunikation" and number == 2
            day = today + datetime.timedelta(days=days_ahead)
            while day.weekday() >= 5:
                day += datetime.timedelta(days=1)
            length = min(int(hours), 7)
            starts = datetime.datetime.combine(day, datetime.time(8, 30), tzinfo=zone)
            places = PLACES[region_slug]
            specs.append(
                {
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=length, minutes=60 if length > 4 else 0),
                    "mode": Occasion.Mode.ONLINE if online else Occasion.Mode.ON_SITE,
                    "place": "Länk skickas till deltagarna" if online else places[(index + number) % len(places)],
                    "region": None if online else regions.get(region_slug),
                    "seats": 6 if index == 0 and number == 1 else (12 if level == "individual" else 16),
                    "company_quota": 4 if level == "group" else None,
                    "registration_deadline": starts - datetime.timedelta(days=5),
                    "cancellation_deadline": starts - datetime.timedelta(days=3),
                }
            )
        existing = list(course.occasions.order_by("pk"))
        for position, spec in enumerate(specs):
            if position < len(existing):
                occasion = existing[position]
                for field, value in spec.items():
                    setattr(occasion, field, value)
                occasion.save()
            else:
                occasion = Occasion.objects.create(course=course, **spec)
            created.append(occasion)
    return created


def _seed_companies(occasions, categories, now) -> None:
    company = Organisation.objects.get(slug=slugify(DEMO_COMPANY))
    staff = []
    for first, last, gender, title in STAFF:
        email = f"{slugify(first)}.{slugify(last)}@ostgotaverkstad.example"
        employee, _ = Employee.objects.update_or_create(
            company=company,
            email=email,
            removed_at=None,
            defaults={"first_name": first, "last_name": last, "gender": gender, "job_title": title},
        )
        staff.append(employee)
    other = Organisation.objects.get(slug="malardalens-mekaniska-ab")
    other_staff = []
    for first, last, gender in OTHER_COMPANY_STAFF:
        email = f"{slugify(first)}.{slugify(last)}@malardalensmek.example"
        employee, _ = Employee.objects.update_or_create(
            company=other,
            email=email,
            removed_at=None,
            defaults={"first_name": first, "last_name": last, "gender": gender, "job_title": "Operatör"},
        )
        other_staff.append(employee)

    for slug, count in [
        ("matteknik", 8),
        ("robot", 4),
        ("truck", 6),
        ("ledarskap", 3),
        ("intern-kommunikation", 10),
    ]:
        CompetenceNeed.objects.update_or_create(
            company=company, category=categories[slug], defaults={"staff_count": count}
        )
    for slug, count in [("matteknik", 5), ("truck", 9), ("ledarskap", 2)]:
        CompetenceNeed.objects.update_or_create(
            company=other, category=categories[slug], defaults={"staff_count": count}
        )

    def enrol(occasion, employee, *, attended=None, needs=""):
        # Demo rows are written directly, without e-mails; a person already on the occasion is left alone.
        if Enrolment.objects.filter(occasion=occasion, employee=employee).exists():
            return
        registered = occasion.registration_deadline - datetime.timedelta(days=7)
        Enrolment.objects.create(
            occasion=occasion,
            employee=employee,
            company=employee.company,
            status=Enrolment.Status.CONFIRMED,
            created=registered,
            confirmed_at=registered,
            attended=attended,
            hours=None if attended is None else (occasion.course.hours if attended else Decimal(0)),
            has_accessibility_needs=bool(needs),
            accessibility_needs=needs,
        )

    past = [o for o in occasions if o.starts_at < now]
    for number, occasion in enumerate(past[:10]):
        people = staff if occasion.course.project.slug == "smart-kompetens" else other_staff
        for position, employee in enumerate(people[number % 6 : number % 6 + 3]):
            needs = "Hörslinga i lokalen" if (number, position) in ((0, 1), (4, 0)) else ""
            enrol(occasion, employee, attended=not (position == 2 and number % 3 == 0), needs=needs)
    upcoming = [o for o in occasions if o.starts_at >= now and o.course.project.slug == "smart-kompetens"]
    # One occasion is fully booked by another company, to show the waiting list.
    full = next((o for o in upcoming if o.seats <= len(other_staff)), None)
    if full:
        for employee in other_staff[: full.seats]:
            enrol(full, employee)
    if len(upcoming) > 3:
        for employee in staff[:2]:
            enrol(upcoming[3], employee)


# --- The courses an industry project offers (welding, CNC, PLC, lean, electrical safety…) -----------
# Kept apart from COURSES so that the companies' registrations above stay as they are.

INDUSTRY_CATEGORIES = [
    ("svetsning", "Svetsning", "Svetsmetoder, säkerhet och förberedelse för svetscertifikat."),
    ("cnc", "CNC och bearbetning", "Svarvning, fräsning och programmering av CNC-maskiner."),
    ("automation", "Automation och PLC", "Styrsystem, PLC-programmering och felsökning i automatiserade linjer."),
    ("lean", "Lean och förbättringsarbete", "Flöde, ständiga förbättringar och visuell styrning."),
    ("elsakerhet", "Elsäkerhet", "Säkert arbete nära elektriska anläggningar."),
]

INDUSTRY_COURSES = [
    # (project slug, title, category slug, level, provider slug, hours, description)
    (
        "smart-kompetens",
        "Svetsning MIG/MAG, grundkurs",
        "svetsning",
        "individual",
        "industrikompetens",
        40,
        "För dig som är ny som svetsare: säkerhet, utrustning, fogberedning och de vanligaste svetslägena. "
        "Större delen av tiden svetsar du själv, med en handledare bredvid.",
    ),
    (
        "smart-kompetens",
        "Svetsning mot certifikat",
        "svetsning",
        "individual",
        "industrikompetens",
        60,
        "Fördjupning för dig som redan svetsar och vill ta certifikat. Kursen slutar med provsvetsning "
        "enligt SS-EN ISO 9606-1.",
    ),
    (
        "smart-kompetens",
        "CNC-svarvning och fräsning, grundkurs",
        "cnc",
        "individual",
        "competence",
        32,
        "Maskinens uppbyggnad, nollpunkter, verktyg och skärdata. Du kör in och tillverkar egna detaljer.",
    ),
    (
        "smart-kompetens",
        "CNC-programmering med G-kod",
        "cnc",
        "individual",
        "competence",
        24,
        "Skriva, ändra och simulera program för fleroperationsmaskiner, och köra in en ny detalj säkert.",
    ),
    (
        "smart-kompetens",
        "PLC-programmering, grundkurs",
        "automation",
        "individual",
        "kompetensutvecklingsinstitutet",
        24,
        "Styrsystemets delar, in- och utgångar och programmering i ladder, med övningar på riktiga PLC:er.",
    ),
    (
        "smart-kompetens",
        "Lean i vardagen",
        "lean",
        "group",
        "industrikompetens",
        8,
        "Flöde, slöseri och ständiga förbättringar med exempel från er egen produktion. Gruppen avslutar "
        "med en förbättring som ni genomför själva.",
    ),
    (
        "smart-kompetens",
        "Elsäkerhet vid arbete (ESA)",
        "elsakerhet",
        "group",
        "kompetensutvecklingsinstitutet",
        8,
        "Risker med el, vem som ansvarar för vad och hur du arbetar säkert nära elanläggningar utan att "
        "vara elektriker.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Det nära ledarskapet",
        "ledarskap",
        "group",
        "competence",
        16,
        "För arbetsledare och teamledare: samtal som leder framåt, tydlig återkoppling och att leda "
        "gruppen genom förändringar.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "TIG-svetsning i rostfritt stål",
        "svetsning",
        "individual",
        "competence",
        32,
        "Svetsa tunnplåt och rör i rostfritt med TIG: gasskydd, tillsatsmaterial och hur du undviker missfärgning.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Felsökning i automatiserade linjer",
        "automation",
        "group",
        "competence",
        16,
        "Ett systematiskt sätt att hitta felet: givare, ställdon, PLC-signaler och larmhistorik. För "
        "underhåll och operatörer.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "Elsäkerhet för underhållspersonal",
        "elsakerhet",
        "individual",
        "competence",
        12,
        "Arbete på och nära maskiners elutrustning: frånkoppling, låsning och mätning enligt ESA.",
    ),
    (
        "ett-kompetenslyft-for-sverige",
        "5S och visuell styrning",
        "lean",
        "group",
        "competence",
        6,
        "Ordning och reda som håller: sortera, strukturera och synliggöra avvikelser direkt på golvet.",
    ),
    (
        "xf-framtidssakring",
        "CNC för nyanställda",
        "cnc",
        "individual",
        "kompetensutvecklingsinstitutet",
        40,
        "För nyanställda och dig som byter yrke: ritningar, mätning och enkla CNC-operationer, med en "
        "handledare från företaget.",
    ),
    (
        "xf-framtidssakring",
        "Industrirobot, grundkurs",
        "robot",
        "individual",
        "kompetensutvecklingsinstitutet",
        24,
        "Köra, lära in och ändra robotprogram, och arbeta säkert i och kring robotcellen.",
    ),
    (
        "xf-framtidssakring",
        "Mätteknik i verkstaden",
        "matteknik",
        "individual",
        "kompetensutvecklingsinstitutet",
        8,
        "Skjutmått, mikrometer och indikatorklocka: mät rätt, dokumentera och vet när du ska fråga.",
    ),
    (
        "xf-framtidssakring",
        "Truckkort A och B",
        "truck",
        "individual",
        "kompetensutvecklingsinstitutet",
        16,
        "Teori och körning med motviktstruck och skjutstativtruck. Efter godkänt prov får du truckkort.",
    ),
    (
        "xf-framtidssakring",
        "Lean för ledningsgrupper",
        "lean",
        "group",
        "industrikompetens",
        12,
        "Hur ledningen skapar förutsättningar för förbättringsarbete: mål, uppföljning och att vara på golvet.",
    ),
]


def _seed_industry_courses(projects, categories, today, zone) -> list[Occasion]:
    for position, (slug, name, description) in enumerate(INDUSTRY_CATEGORIES, start=len(CATEGORIES) + 1):
        categories[slug], _ = CourseCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    return _seed_catalogue(projects, categories, today, zone, courses=INDUSTRY_COURSES, first_index=len(COURSES))


# The projects the European Social Fund co-finances carry the EU emblem on their pages.
EU_FUNDED = ("smart-kompetens", "ett-kompetenslyft-for-sverige")


def _mark_eu_funded(projects) -> None:
    Project.objects.filter(pk__in=[projects[slug].pk for slug in EU_FUNDED]).update(eu_funded=True)
