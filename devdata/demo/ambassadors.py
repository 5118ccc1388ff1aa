"""Demo data: about twenty invented career ambassadors across the seed regions and trades.

The people and their stories are invented; the companies, places and projects come from the seed
articles. Photos are placeholders drawn here with Pillow (nothing is downloaded). Keyed on slugs,
so running it again changes nothing.
"""

import datetime
import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from ambassadors import services, vocabularies
from ambassadors.images import PHOTO_SIZE, photo_normalise
from ambassadors.models import (
    AgeGroup,
    Ambassador,
    ConsentText,
    EducationPath,
    Feature,
    Industry,
    Language,
    Profession,
    VisitFeedback,
    VisitRequest,
    VisitRequestEvent,
)
from devdata.demo.portal import demo_user
from portal.models import Municipality, Organisation, Region
from projects.models import Project, ProjectLeader

LEADER_EMAIL = "projektledare@demo.kompetensportalen.se"
AMBASSADOR_EMAIL = "ambassador@demo.kompetensportalen.se"
TEACHER_EMAIL = "larare@demo.kompetensportalen.se"

PROJECTS = {
    # name: (owner organisation, regions)
    "Industridag Östergötland": ("Industrikompetens", ["Östergötland"]),
    "Smart kompetens för industrin i Östra Mellansverige": (
        "Region Östergötland",
        ["Östergötland", "Sörmland", "Västmanland", "Uppsala", "Örebro"],
    ),
    "XF – framtidssäkring av regional tillverkningsindustri": ("Region Jönköpings län", ["Jönköping"]),
}
PROJECT_OF_REGION = {
    "Östergötland": "Industridag Östergötland",
    "Jönköping": "XF – framtidssäkring av regional tillverkningsindustri",
}
DEFAULT_PROJECT = "Smart kompetens för industrin i Östra Mellansverige"

INDUSTRIES = [
    "Verkstadsindustri",
    "Elektronikindustri",
    "Metall- och stålindustri",
    "Energi",
    "Logistik",
    "Processindustri",
]
LANGUAGES = [
    "Svenska",
    "Engelska",
    "Arabiska",
    "Persiska",
    "Somaliska",
    "Tigrinja",
    "Bosniska",
    "Finska",
    "Polska",
    "Spanska",
]
L = EducationPath.Level
EDUCATION_PATHS = [
    ("Industritekniska programmet", L.UPPER_SECONDARY),
    ("Teknikprogrammet", L.UPPER_SECONDARY),
    ("El- och energiprogrammet", L.UPPER_SECONDARY),
    ("Handels- och administrationsprogrammet", L.UPPER_SECONDARY),
    ("Yrkeshögskola (YH)", L.VOCATIONAL_COLLEGE),
    ("Högskoleingenjör", L.UNIVERSITY),
    ("Komvux, industriteknisk yrkesutbildning", L.ADULT),
    ("Lärling på företaget", L.WORK),
]

AGES = {
    "låg": "forskoleklass-ak-3",
    "mellan": "ak-4-6",
    "hög": "ak-7-9",
    "gy": "gymnasiet",
    "vux": "vuxenutbildning",
}

# (display name, profession, industry, employer, municipality, education paths, languages, ages,
#  on site, digital, headline, story)
AMBASSADORS = [
    (
        "Amir",
        "CNC-operatör",
        "Verkstadsindustri",
        "Östgöta Verkstadsteknik AB",
        "Motala",
        ["Industritekniska programmet"],
        ["Svenska", "Arabiska", "Engelska"],
        ["hög", "gy", "vux"],
        True,
        True,
        "Jag ställer in maskinerna som fräser fram delar till lastbilar och skogsmaskiner.",
        "Jag kom till Sverige när jag var fjorton och visste inte att industrin fanns som val. En lärare "
        "tog med "
        "klassen på studiebesök, och jag fastnade för ljudet och ordningen i verkstaden.\n\nI dag kör jag en "
        "femaxlig fleroperationsmaskin. Jag läser ritningar, skriver små program och mäter att allt håller "
        "hundradelarna. Det bästa är när en ny detalj blir rätt första gången.",
    ),
    (
        "Elsa",
        "Automationstekniker",
        "Metall- och stålindustri",
        "Luvata",
        "Finspång",
        ["El- och energiprogrammet", "Yrkeshögskola (YH)"],
        ["Svenska", "Engelska"],
        ["hög", "gy"],
        True,
        True,
        "Jag får robotar och linor att prata med varandra.",
        "Efter gymnasiet visste jag bara att jag gillade el. På YH-utbildningen i automation fick jag prova "
        "PLC "
        "och robotar, och praktiken ledde direkt till jobb.\n\nNu felsöker jag styrsystem och bygger om "
        "linor "
        "när vi tar in nya produkter. Ingen dag är den andra lik, och jag jobbar mycket med andra.",
    ),
    (
        "Jonatan",
        "Elektronikmontör",
        "Elektronikindustri",
        "Scanfil",
        "Åtvidaberg",
        ["Lärling på företaget"],
        ["Svenska"],
        ["mellan", "hög"],
        True,
        False,
        "Kretskorten jag bygger sitter i allt från hissar till medicinsk utrustning.",
        "Jag tyckte inte om att plugga teori och började som lärling direkt efter nian. Jag lär mig bäst med "
        "händerna.\n\nI dag lödar och monterar jag kretskort och testar att de fungerar innan de skickas. "
        "Jag "
        "visar gärna mellanstadiebarn hur små saker kan vara viktiga.",
    ),
    (
        "Fatima",
        "Produktionstekniker",
        "Verkstadsindustri",
        "Östgöta Verkstadsteknik AB",
        "Mjölby",
        ["Teknikprogrammet", "Högskoleingenjör"],
        ["Svenska", "Somaliska", "Engelska"],
        ["hög", "gy"],
        True,
        True,
        "Jag letar efter sätt att göra produktionen smartare, säkrare och mer hållbar.",
        "Matte var mitt favoritämne, men jag ville se vad det blev av siffrorna. Som högskoleingenjör får "
        "jag "
        "både räkna och vara ute i verkstaden.\n\nJag planerar hur nya produkter ska tillverkas och jobbar "
        "med "
        "operatörerna för att korta ställtider. Jag berättar gärna för tjejer att det här är ett jobb för "
        "dem.",
    ),
    (
        "Linnea",
        "Svetsare",
        "Metall- och stålindustri",
        "Luvata",
        "Finspång",
        ["Industritekniska programmet"],
        ["Svenska", "Finska"],
        ["hög", "gy"],
        True,
        False,
        "Jag svetsar i rostfritt och koppar, och jag har certifikat på det.",
        "Min morfar var svetsare och jag fick hänga med i hans garage. På industritekniska programmet fick "
        "jag "
        "mitt första svetscertifikat.\n\nDet är ett hantverk som kräver tålamod och precision. Jag visar "
        "gärna "
        "skyddsutrustningen och berättar hur det känns när en fog blir perfekt.",
    ),
    (
        "Oskar",
        "Underhållstekniker",
        "Processindustri",
        "Norrköpings Industriservice AB",
        "Norrköping",
        ["El- och energiprogrammet", "Komvux, industriteknisk yrkesutbildning"],
        ["Svenska", "Engelska"],
        ["gy", "vux"],
        True,
        True,
        "När en maskin stannar är det jag som ser till att den startar igen.",
        "Jag jobbade i butik i flera år innan jag sadlade om via komvux. Det var det bästa beslutet jag har "
        "tagit.\n\nSom underhållstekniker förebygger jag stopp och lagar det som går sönder. Jag vill visa "
        "att "
        "det aldrig är för sent att byta bana.",
    ),
    (
        "Sara",
        "Kvalitetstekniker",
        "Verkstadsindustri",
        "Linköpings Precisionsmekanik AB",
        "Linköping",
        ["Teknikprogrammet", "Yrkeshögskola (YH)"],
        ["Svenska", "Engelska", "Spanska"],
        ["hög", "gy"],
        False,
        True,
        "Jag ser till att det vi skickar till kunderna är precis så bra som vi lovat.",
        "Jag gillar att reda ut varför något blev fel. På YH läste jag kvalitetsteknik och fick praktik på "
        "företaget där jag nu jobbar.\n\nJag mäter, analyserar och pratar mycket med både operatörer och "
        "kunder. "
        "Digitala besök passar mig bra, då kan jag visa mätrummet med kameran.",
    ),
    (
        "Dragan",
        "Robottekniker",
        "Verkstadsindustri",
        "Mälardalens Mekaniska AB",
        "Eskilstuna",
        ["Industritekniska programmet", "Yrkeshögskola (YH)"],
        ["Svenska", "Bosniska", "Engelska"],
        ["mellan", "hög", "gy"],
        True,
        True,
        "Jag programmerar robotarna som svetsar och plockar i vår fabrik.",
        "Som liten byggde jag allt möjligt av lego och gamla leksaker. Att programmera riktiga robotar är "
        "nästan "
        "samma sak, fast större.\n\nJag tar gärna med en liten utbildningsrobot till skolan så att eleverna "
        "får "
        "prova att styra den själva.",
    ),
    (
        "Maja",
        "Produktionsledare",
        "Verkstadsindustri",
        "Katrineholms Komponent AB",
        "Katrineholm",
        ["Industritekniska programmet", "Yrkeshögskola (YH)"],
        ["Svenska", "Engelska"],
        ["gy", "vux"],
        True,
        False,
        "Jag leder ett skiftlag på tolv personer och ser till att vi når dagens mål.",
        "Jag började som operatör direkt efter gymnasiet. Efter några år fick jag frågan om att bli "
        "lagledare, "
        "och företaget betalade en YH-kurs i ledarskap.\n\nI industrin kan man växa inifrån. Det vill jag "
        "att "
        "fler unga ska veta.",
    ),
    (
        "Yusuf",
        "Plåtslagare",
        "Verkstadsindustri",
        "Nyköpings Plåtteknik AB",
        "Nyköping",
        ["Komvux, industriteknisk yrkesutbildning"],
        ["Svenska", "Somaliska", "Arabiska"],
        ["hög", "vux"],
        True,
        True,
        "Jag bockar, klipper och laserskär plåt till ventilation och maskinskydd.",
        "Jag läste sfi och en industriutbildning på komvux samtidigt. Efter praktiken fick jag "
        "anställning.\n\n"
        "Jag berättar gärna för nyanlända att industrin är ett bra ställe att börja, och att man lär sig "
        "svenska snabbt när man jobbar ihop.",
    ),
    (
        "Ida",
        "Verktygsmakare",
        "Verkstadsindustri",
        "Seco Tools",
        "Fagersta",
        ["Industritekniska programmet"],
        ["Svenska", "Engelska"],
        ["hög", "gy"],
        True,
        False,
        "Jag tillverkar skärverktyg som används i verkstäder över hela världen.",
        "Jag gick industritekniska programmet på Brinellskolan och gjorde APL på Seco Tools. Handledaren jag "
        "hade då är i dag min kollega.\n\nJag kommer gärna tillbaka till skolor och berättar hur det är att "
        "gå från elev till anställd på samma ort.",
    ),
    (
        "Samir",
        "Mättekniker",
        "Verkstadsindustri",
        "Seco Tools",
        "Fagersta",
        ["Teknikprogrammet", "Yrkeshögskola (YH)"],
        ["Svenska", "Persiska", "Engelska"],
        ["hög", "gy"],
        True,
        True,
        "Jag mäter på tusendelen när och ser till att maskinerna håller måtten.",
        "Jag trodde att industrin var smutsig och tung. Sedan fick jag se ett mätrum med "
        "koordinatmätmaskiner "
        "och luftkonditionering.\n\nMätteknik är precision och datorer. Jag tar gärna med mätinstrument som "
        "eleverna får prova.",
    ),
    (
        "Klara",
        "Industrielektriker",
        "Energi",
        "Westinghouse",
        "Västerås",
        ["El- och energiprogrammet"],
        ["Svenska", "Engelska"],
        ["mellan", "hög", "gy"],
        True,
        True,
        "Jag installerar och underhåller el i en fabrik som gör bränsle till kärnkraftverk.",
        "På el- och energiprogrammet var vi tre tjejer i klassen. Jag vill att det ska vara fler.\n\nMitt "
        "jobb "
        "handlar om säkerhet, noggrannhet och att förstå hur hela anläggningen hänger ihop. Jag svarar gärna "
        "på frågor om energi och klimat.",
    ),
    (
        "Ahmed",
        "Logistiker",
        "Logistik",
        "AA Logistik",
        "Västerås",
        ["Handels- och administrationsprogrammet"],
        ["Svenska", "Arabiska", "Engelska"],
        ["hög", "gy", "vux"],
        True,
        True,
        "Jag planerar flödet av gods så att fabrikerna får rätt delar i rätt tid.",
        "Jag började som truckförare på sommarjobb. Nu planerar jag transporter och lager med hjälp av "
        "datasystem.\n\nLogistik är som ett stort pussel. Branschen ställer om till el, och det behövs många "
        "nya medarbetare.",
    ),
    (
        "Ebba",
        "Processoperatör",
        "Processindustri",
        "Uppsala Processteknik AB",
        "Uppsala",
        ["Teknikprogrammet"],
        ["Svenska", "Engelska"],
        ["hög", "gy"],
        False,
        True,
        "Från kontrollrummet styr jag en process som går dygnet runt.",
        "Jag jobbar skift, och det passar mig. Jag har långa ledigheter och ett jobb där jag får ta "
        "ansvar.\n\n"
        "I kontrollrummet följer jag hundratals mätvärden och ingriper när något avviker. Jag visar gärna "
        "kontrollrummet digitalt.",
    ),
    (
        "Viktor",
        "Konstruktör",
        "Verkstadsindustri",
        "Enköpings Mekaniska Verkstad AB",
        "Enköping",
        ["Teknikprogrammet", "Högskoleingenjör"],
        ["Svenska", "Engelska", "Polska"],
        ["gy"],
        True,
        True,
        "Jag ritar maskiner i 3D innan de byggs på riktigt.",
        "Jag ritade hus och bilar i hela min barndom. I dag gör jag det i CAD och får se mina ritningar bli "
        "verkliga maskiner.\n\nKonstruktion är kreativt. Man måste också prata mycket med dem som ska bygga "
        "och "
        "använda det man ritar.",
    ),
    (
        "Nora",
        "CNC-operatör",
        "Verkstadsindustri",
        "Karlskoga Precision AB",
        "Karlskoga",
        ["Industritekniska programmet"],
        ["Svenska", "Engelska"],
        ["mellan", "hög"],
        True,
        False,
        "Jag svarvar detaljer som måste hålla måtten på hundradelen.",
        "Jag valde industriprogrammet för att min bästa kompis gjorde det. Jag stannade för att jag var bra "
        "på det.\n\nNu kör jag flera maskiner samtidigt och lär upp nya kollegor. Jag vill visa att det "
        "finns "
        "plats för alla i verkstaden.",
    ),
    (
        "Milan",
        "Svetsare",
        "Metall- och stålindustri",
        "Örebro Stålbyggnad AB",
        "Örebro",
        ["Komvux, industriteknisk yrkesutbildning"],
        ["Svenska", "Bosniska"],
        ["hög", "vux"],
        True,
        False,
        "Jag svetsar stålkonstruktioner till broar och hallar.",
        "Jag jobbade som lagerarbetare i tio år innan jag läste svets på komvux. Nu har jag ett yrke som "
        "behövs överallt.\n\nJag berättar gärna om att byta yrke mitt i livet, och om hur man får "
        "svetscertifikat.",
    ),
    (
        "Alva",
        "CNC-operatör",
        "Verkstadsindustri",
        "Gnosjö Automatsvarvning",
        "Gnosjö",
        ["Industritekniska programmet", "Lärling på företaget"],
        ["Svenska", "Engelska"],
        ["mellan", "hög", "gy"],
        True,
        True,
        "I Gnosjöregionen svarvar vi detaljer till kunder i hela världen.",
        "Jag gick lärlingsutbildning och var på företaget tre dagar i veckan redan i ettan. Efter studenten "
        "hade jag både jobb och erfarenhet.\n\nHär i regionen finns industrin runt knuten. Jag vill att fler "
        "unga ska se möjligheterna hemma.",
    ),
    (
        "Tesfay",
        "Automationstekniker",
        "Verkstadsindustri",
        "Gnosjö Automatsvarvning",
        "Gnosjö",
        ["El- och energiprogrammet", "Yrkeshögskola (YH)"],
        ["Svenska", "Tigrinja", "Engelska"],
        ["hög", "gy", "vux"],
        True,
        True,
        "Jag bygger om gamla maskiner så att de kan styras och övervakas digitalt.",
        "Jag kom till Gnosjö som sextonåring och gick el-programmet. På YH läste jag automation med praktik "
        "här.\n\nFabrikerna blir allt mer uppkopplade, och det behövs folk som förstår både el, mekanik och "
        "data.",
    ),
    (
        "Wilma",
        "Produktionstekniker",
        "Verkstadsindustri",
        "Värnamo Formteknik AB",
        "Värnamo",
        ["Teknikprogrammet", "Yrkeshögskola (YH)"],
        ["Svenska", "Engelska"],
        ["hög", "gy"],
        False,
        True,
        "Jag tar fram nya formverktyg tillsammans med kunder och verkstad.",
        "Jag trodde att jag skulle bli arkitekt, men upptäckte på en Industridag att produktion också "
        "handlar "
        "om design.\n\nJag jobbar mycket vid datorn men är ute i verkstaden varje dag. Jag gör gärna "
        "digitala "
        "besök i gymnasieklasser.",
    ),
]

PALETTE = [(11, 79, 108), (179, 84, 30), (29, 107, 53), (90, 60, 140), (138, 90, 0), (40, 40, 60)]


def placeholder_photo(name: str) -> SimpleUploadedFile:
    """A friendly placeholder portrait: a silhouette on a coloured background, drawn locally."""
    seed = zlib.crc32(name.encode())
    background = PALETTE[seed % len(PALETTE)]
    light = tuple(min(255, c + 120) for c in background)
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, background)
    draw = ImageDraw.Draw(image)
    head = width // 5
    cx, cy = width // 2, int(height * 0.38)
    draw.ellipse([cx - head, cy - head, cx + head, cy + head], fill=light)
    draw.ellipse([cx - int(width * 0.42), int(height * 0.62), cx + int(width * 0.42), int(height * 1.25)], fill=light)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return photo_normalise(SimpleUploadedFile(f"{slugify(name)}.png", buffer.getvalue(), content_type="image/png"))


def _vocabulary():
    # The age groups and the first consent text come with migration 0002; recreate them if a database
    # was emptied since (a flushed test database), so the demo never depends on that having survived.
    for slug, name, position in vocabularies.AGE_GROUPS:
        AgeGroup.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    if not ConsentText.objects.exists():
        ConsentText.objects.create(version="1", body=vocabularies.CONSENT_TEXT)
    for name in INDUSTRIES:
        Industry.objects.update_or_create(slug=slugify(name), defaults={"name": name})
    for name in LANGUAGES:
        Language.objects.update_or_create(slug=slugify(name), defaults={"name": name})
    for name, level in EDUCATION_PATHS:
        EducationPath.objects.update_or_create(slug=slugify(name), defaults={"name": name, "level": level})
    for row in AMBASSADORS:
        Profession.objects.update_or_create(slug=slugify(row[1]), defaults={"name": row[1]})


def _projects(leader) -> dict[str, Project]:
    projects = {}
    for name, (owner, regions) in PROJECTS.items():
        project = Project.objects.filter(name__iexact=name).first()
        if project is None:
            project, created = Project.objects.get_or_create(
                slug=slugify(name)[:200],
                defaults={
                    "name": name,
                    "status": Project.Status.PUBLISHED,
                    "owner": Organisation.objects.get(slug=slugify(owner)),
                },
            )
            if created:
                project.regions.set(Region.objects.filter(name__in=regions))
        if not ProjectLeader.objects.current().filter(project=project, user=leader).exists():
            ProjectLeader.objects.create(project=project, user=leader, title="Projektledare")
        projects[name] = project
    return projects


def seed(stdout=None) -> None:
    leader = demo_user(LEADER_EMAIL, "Petra", "Projektledare")
    _vocabulary()
    projects = _projects(leader)
    consent_text = ConsentText.current()
    ages = {slug: AgeGroup.objects.get(slug=slug) for slug in AGES.values()}
    created = 0
    for (
        name,
        profession,
        industry,
        employer,
        municipality,
        paths,
        languages,
        age_keys,
        on_site,
        digital,
        headline,
        story,
    ) in AMBASSADORS:
        place = Municipality.objects.select_related("region").get(slug=slugify(municipality))
        slug = slugify(f"{name} {profession}")
        ambassador, is_new = Ambassador.objects.update_or_create(
            slug=slug,
            defaults={
                "project": projects[PROJECT_OF_REGION.get(place.region.name, DEFAULT_PROJECT)],
                "display_name": name,
                "profession": Profession.objects.get(slug=slugify(profession)),
                "industry": Industry.objects.get(slug=slugify(industry)),
                "employer": employer,
                "municipality": place,
                "offers_on_site": on_site,
                "offers_digital": digital,
                "headline": headline,
                "story": story,
            },
        )
        created += is_new
        ambassador.education_paths.set(EducationPath.objects.filter(name__in=paths))
        ambassador.languages.set(Language.objects.filter(name__in=languages))
        ambassador.age_groups.set([ages[AGES[key]] for key in age_keys])
        if not ambassador.photo or not ambassador.photo.storage.exists(ambassador.photo.name):
            ambassador.photo.save("placeholder.jpg", placeholder_photo(name), save=True)
        services.ambassador_saved(ambassador=ambassador)
        if not ambassador.consents.filter(withdrawn_at__isnull=True).exists():
            services.consent_record(
                ambassador=ambassador,
                by=leader,
                text=consent_text,
                given_at=timezone.now() - datetime.timedelta(days=30),
            )
        services.ambassador_publish(ambassador=ambassador, by=leader)

    amir = Ambassador.objects.get(slug=slugify("Amir CNC-operatör"))
    ambassador_user = demo_user(AMBASSADOR_EMAIL, "Amir", "Ambassadör")
    if amir.user_id != ambassador_user.pk:
        # As the person would: the leader invites the address, the ambassador accepts.
        amir = services.ambassador_invite_account(ambassador=amir, email=ambassador_user.email, by=leader)
        services.ambassador_invitation_accept(token=services.invitation_token(amir), user=ambassador_user)
    _visits(amir)
    services.featured_pick()
    if stdout:
        stdout.write(
            f"  ambassadors: {Ambassador.objects.public().count()} published ({created} new), "
            f"featured this week: {Feature.objects.order_by('-week_start').first()}"
        )


def _visits(amir: Ambassador) -> None:
    """A waiting request to the demo ambassador and a visit that has taken place, with feedback."""
    teacher = demo_user(TEACHER_EMAIL, "Lena", "Lärare")
    school = Organisation.objects.get(slug="brinellskolan")
    today = timezone.localdate()
    if not VisitRequest.objects.filter(ambassador=amir, requested_by=teacher, group_name="9B").exists():
        services.visit_request_create(
            ambassador=amir,
            requested_by=teacher,
            school=school,
            group_name="9B",
            school_year=VisitRequest.SchoolYear.Y9,
            pupils=24,
            first_choice=today + datetime.timedelta(days=21),
            second_choice=today + datetime.timedelta(days=28),
            format=VisitRequest.Format.DIGITAL,
            message="Klassen ska snart välja gymnasieprogram. Berätta gärna om hur du valde din väg.",
        )
    samir = Ambassador.objects.get(slug=slugify("Samir Mättekniker"))
    if VisitRequest.objects.filter(ambassador=samir, requested_by=teacher, group_name="IN22").exists():
        return
    held = timezone.now() - datetime.timedelta(days=10)
    visit = VisitRequest.objects.create(
        ambassador=samir,
        requested_by=teacher,
        school=school,
        group_name="IN22",
        school_year=VisitRequest.SchoolYear.G2,
        pupils=16,
        first_choice=held.date(),
        format=VisitRequest.Format.ON_SITE,
        message="Eleverna läser mätteknik den här terminen.",
        state=VisitRequest.State.ACCEPTED,
        scheduled_for=held,
    )
    Side = VisitRequestEvent.Side
    VisitRequestEvent.objects.create(
        visit_request=visit,
        actor=teacher,
        side=Side.SCHOOL,
        to_state="requested",
        created_at=held - datetime.timedelta(days=20),
        notified_at=timezone.now(),
    )
    VisitRequestEvent.objects.create(
        visit_request=visit,
        side=Side.AMBASSADOR,
        from_state="requested",
        to_state="accepted",
        when=held,
        created_at=held - datetime.timedelta(days=18),
        message="Jag tar med en mätmaskin som eleverna får prova.",
        notified_at=timezone.now(),
    )
    VisitFeedback.objects.create(
        visit_request=visit,
        side=Side.SCHOOL,
        author=teacher,
        rating=5,
        comment="Eleverna pratade om besöket i flera dagar.",
    )
    VisitFeedback.objects.create(
        visit_request=visit,
        side=Side.AMBASSADOR,
        rating=4,
        comment="Engagerad klass. Bra om de får förbereda frågor innan.",
    )
