"""The demo's fictional companies: who they are, what they answered and how far they have come.

Every name says it is made up ("Exempel", "Demo", "Påhittad", "Fiktiv", "Låtsas"); the e-mail
domains end in `.example` (RFC 2606), and the organisation numbers start with group number 00,
which Bolagsverket never issues (see `DEMO_ORG_PREFIX`). Days are counted from the day the demo
was first loaded, so a second load the next week builds the same programme.
"""

from dataclasses import dataclass, field

# Group number 00 does not exist, so no real organisation has one of these numbers.
DEMO_ORG_PREFIX = "0020"

# Workshop series of the demo catalogue given dates around the demo's first day (days from
# it, start and last day) and a place: one finished, one running, one ahead.
SCHEDULE = {
    "WS-ROBOT-Z": (-70, -14, "Östersund, Mittuniversitetet"),
    "WS-LEAN-Y": (-12, 30, "Sundsvall, Norra kajen"),
    "WS-DIGI-Z": (40, 95, "Östersund, Teknikland"),
}


@dataclass(frozen=True)
class Stage:
    kind: str
    day: int  # from the demo's first day
    value_eur: int
    notes: str = ""


@dataclass(frozen=True)
class DemoCompany:
    serial: int
    name: str
    sni: str
    county: str
    municipality: str
    employees: int
    turnover: str
    leadership: str | None
    contact: tuple[str, str]
    email: str
    registered: int  # days before the demo's first day
    # area -> (levels of its statements in order, priority, free text)
    answers: dict = field(default_factory=dict)
    submit: bool = False
    decisions: int | None = 0  # how many suggestions a coordinator has decided; None: all
    series: str | None = None  # the series the review chooses (and books, if `book`)
    coach: str | None = None  # the coach the review chooses
    book: bool = False
    assign_coach: bool = False
    stages: tuple[Stage, ...] = ()
    de_minimis_eur: int = 0
    state: str = ""  # a word or two for the printed list


WELDING = {
    "digitalisation": ([2, 2, 1, 3], 3, "Ritningar och arbetsordrar är på papper i verkstaden. "
                       "Offerterna räknas i Excel av en person."),
    "automation": ([1, 1, 2, 1], 5, "All svetsning görs för hand. Två av våra erfarna svetsare "
                   "går i pension inom två år, och vi vill veta om en svetsrobot kan löna sig på "
                   "serier om 20–200 detaljer."),
    "productivity": ([3, 2, 2, 2], 3, "Vi började med 5S i svetsen men det har stannat av. "
                     "Mycket tid går åt till att leta fixturer."),
    "business_model": ([3, 3, 2, 1], 2, "Underleverantör till två maskintillverkare med "
                       "stabila volymer."),
    "competence": ([2, 2, 1, 3], 4, "Svårt att rekrytera svetsare till orten."),
}
LEAN = {
    "digitalisation": ([3, 3, 2, 3], 3, "Affärssystemet fungerar, men stopp och kassationer "
                       "förs in i Excel en gång i veckan."),
    "automation": ([3, 2, 3, 2], 2, "Ytmonteringen är automatiserad; slutmonteringen görs för "
                   "hand."),
    "productivity": ([2, 1, 2, 2], 5, "Långa ställtider och mycket omplanering. Ledtiden har "
                     "ökat från tre till sju veckor på två år och kunderna klagar."),
    "business_model": ([3, 4, 3, 2], 2, "Vi säljer styrskåp till industrin i hela Norrland."),
    "sustainability": ([2, 3, 1, 2], 3, "Vi vet inte hur mycket energi testbänkarna drar."),
}
DIGITAL = {
    "digitalisation": ([1, 2, 1, 2], 5, "Vi planerar produktionen på en whiteboard och vet "
                       "inte vad en order kostar förrän den är levererad. Vi vill få ordning på "
                       "data från maskinerna."),
    "automation": ([2, 2, 2, 2], 3, "Två CNC-maskiner med stångmatare, resten manuellt."),
    "productivity": ([2, 2, 3, 1], 4, "Ingen följer upp beläggning eller stopp."),
    "business_model": ([3, 3, 2, 2], 2, "Hydraulcylindrar på order till skogsmaskintillverkare."),
}
WOOD = {
    "digitalisation": ([2, 2, 2, 2], 3, "Ordrar kommer på mejl och skrivs in för hand."),
    "automation": ([2, 1, 2, 1], 3, "Kapning och fräsning är manuell."),
    "productivity": ([2, 2, 2, 2], 4, "Mycket spill i kapningen och långa omställningar "
                     "mellan profiler."),
    "business_model": ([2, 2, 3, 1], 4, "Vi säljer lister till byggvaruhandeln men vill nå "
                       "arkitekter och inredare direkt."),
    "sustainability": ([2, 1, 1, 2], 4, "Spillet eldas upp; vi vill hitta bättre användning."),
}
MACHINING = {
    "digitalisation": ([3, 2, 2, 3], 4, "Vi har ett MES som ingen använder fullt ut."),
    "automation": ([3, 2, 2, 2], 4, "Fleroperationsmaskinerna står still nattetid; vi funderar "
                   "på robotbetjäning."),
    "productivity": ([3, 3, 3, 2], 3, "Vi mäter OEE på två maskiner."),
    "business_model": ([4, 3, 3, 2], 2, "Legotillverkning åt fordonsindustrin."),
}
PLASTICS = {
    "digitalisation": ([2, 3, 2, 2], 3, "Receptdata för formsprutorna ligger i pärmar."),
    "automation": ([3, 2, 2, 2], 3, "Plockrobotar på tre av åtta maskiner."),
    "productivity": ([2, 2, 2, 2], 4, "Många kassationer vid uppstart efter verktygsbyte."),
    "business_model": ([3, 3, 2, 1], 3, "En kund står för hälften av omsättningen."),
    "sustainability": ([2, 1, 2, 2], 5, "Kunderna frågar efter återvunnen råvara och "
                       "klimatdata per artikel."),
}
BAKERY = {
    "digitalisation": ([2, 2, 3, 2], 3, "Beställningar från butikerna kommer i tre olika "
                       "system."),
    "automation": ([2, 2, 1, 1], 3, "Packningen görs för hand och är ett tungt jobb."),
    "productivity": ([2, 2, 2, 2], 4, "Svinnet är stort på helgerna."),
    "business_model": ([2, 3, 3, 2], 4, "Vi vill sälja till restauranger i fjällen året om."),
    "competence": ([2, 2, 2, 2], 4, "Säsongspersonal måste läras upp varje vinter."),
}
FURNITURE = {
    "digitalisation": ([2, 2, 2, 2], 3, "Ritningar i CAD, men produktionen får papperskopior."),
    "automation": ([2, 2, 2, 1], 3, "En CNC-fräs, resten hantverk."),
    "productivity": ([2, 2, 1, 2], 4, "Ytbehandlingen är en flaskhals."),
    "business_model": ([2, 2, 3, 1], 5, "Vi vill sälja direkt till offentliga kunder och "
                       "behöver förstå upphandlingar."),
}
SERVICE = {
    "digitalisation": ([2, 1, 2, 2], 3, "Servicerapporter skrivs för hand ute hos kunden."),
    "automation": ([1, 1, 1, 1], 4, "Vi vill veta om svetsning av reservdelar kan "
                   "automatiseras."),
    "productivity": ([2, 2, 2, 2], 3, "Mycket körtid mellan uppdragen."),
    "business_model": ([2, 2, 2, 3], 3, "Service och reparation av skogsmaskiner."),
}
PRECISION = {
    "digitalisation": ([3, 3, 3, 3], 3, "Uppkopplade maskiner men ingen analys av datan."),
    "automation": ([4, 3, 3, 2], 3, "Robotceller i två linjer."),
    "productivity": ([3, 2, 3, 3], 4, "Kvalitetsbristerna ökar när vi växer."),
    "business_model": ([3, 3, 2, 2], 3, "Precisionsdetaljer till medicinteknik och fordon."),
    "competence": ([2, 2, 2, 3], 5, "Vi behöver tolv nya operatörer på ett år."),
}

COMPANIES = (
    DemoCompany(
        1, "Exempelsvets Östersund AB", "25", "23", "Östersund", 27, "20_100", "men",
        ("Åsa Exempelsson", "VD"), "asa@exempelsvets.example", 90, WELDING, submit=True,
        decisions=None, series="WS-ROBOT-Z", coach="CO-01", book=True, assign_coach=True,
        stages=(
            Stage("mapping_interview", -80, 0, "Kartläggning på plats med VD och "
                  "produktionschef."),
            Stage("deep_analysis", -35, 12000, "Djupanalys av svetsflödet och en "
                  "investeringskalkyl för en robotcell."),
            Stage("action_plan", -6, 8000, "Handlingsplan: 1. Robotcell med två stationer och "
                  "vridbord, beslut i mars. 2. Två operatörer utbildas till "
                  "robotprogrammerare. 3. Fixturer standardiseras före driftstart."),
        ),
        de_minimis_eur=40000, state="booked, finished series, stages to an action plan"),
    DemoCompany(
        2, "Demoelektro Örnsköldsvik AB", "27", "22", "Örnsköldsvik", 120, "100_500", "mixed",
        ("Björn Demosson", "Produktionschef"), "bjorn@demoelektro.example", 70, LEAN,
        submit=True, decisions=None, series="WS-LEAN-Y", coach="CO-02", book=True,
        assign_coach=True, stages=(Stage("mapping_interview", -20, 0, "Kartläggning av "
                                         "slutmonteringen."),),
        state="booked, series running now"),
    DemoCompany(
        3, "Prov & Påhitt Hydraulik AB", "28", "23", "Krokom", 48, "20_100", "women",
        ("Cecilia Provare", "VD"), "cecilia@provpahitt.example", 40, DIGITAL, submit=True,
        decisions=None, series="WS-DIGI-Z", coach="CO-05", book=True,
        state="booked, series ahead; coach not yet assigned"),
    DemoCompany(
        4, "Fiktivmek Strömsund AB", "33", "23", "Strömsund", 6, "under_20", "men",
        ("David Fiktivsson", "Ägare"), "david@fiktivmek.example", 85, SERVICE, submit=True,
        decisions=None, series="WS-ROBOT-Z", coach="CO-15", book=True, assign_coach=True,
        stages=(Stage("mapping_interview", -75, 0),), state="booked, finished series"),
    DemoCompany(
        5, "Demomöbler Ånge AB", "31", "22", "Ånge", 17, "under_20", "women",
        ("Eva Demomakare", "VD"), "eva@demomobler.example", 30, FURNITURE, submit=True,
        decisions=None, coach="CO-04", state="matched, not booked"),
    DemoCompany(
        6, "Exempelbageriet Åre AB", "10", "23", "Åre", 9, "under_20", "women",
        ("Frida Exempeldotter", "VD"), "frida@exempelbageriet.example", 21, BAKERY,
        submit=True, decisions=5, state="under review, 5 of 9 decided"),
    DemoCompany(
        7, "Låtsasplast Härnösand AB", "22", "22", "Härnösand", 31, "20_100", None,
        ("Gustav Låtsas", "Kvalitetschef"), "gustav@latsasplast.example", 14, PLASTICS,
        submit=True, decisions=2, state="under review, 2 of 9 decided"),
    DemoCompany(
        8, "Påhittade Trä & Lister AB", "16", "23", "Bräcke", 22, "20_100", "men",
        ("Hanna Påhittare", "Ekonomichef"), "hanna@pahittadetra.example", 6, WOOD,
        submit=True, state="submitted, suggestions waiting"),
    DemoCompany(
        9, "Fiktiva Fräsarna i Sundsvall AB", "28", "22", "Sundsvall", 65, "100_500", "mixed",
        ("Isak Fiktiv", "Teknisk chef"), "isak@fiktivafrasarna.example", 3, MACHINING,
        submit=True, state="submitted, suggestions waiting"),
    DemoCompany(
        10, "Påhittad Precision Timrå AB", "25", "22", "Timrå", 210, "over_500", None,
        ("Johanna Påhittad", "HR-chef"), "johanna@pahittadprecision.example", 1, PRECISION,
        submit=True, state="submitted yesterday"),
    DemoCompany(
        11, "Exempelverkstaden i Krokom AB", "25", "23", "Krokom", 14, "under_20", None,
        ("Karl Exempel", "VD"), "karl@exempelverkstaden.example", 4,
        {k: WELDING[k] for k in ("digitalisation", "automation")}, state="draft, 2 areas"),
    DemoCompany(
        12, "Demoplåt Norr AB", "25", "22", "Kramfors", 38, "20_100", None,
        ("Lisa Demoplåt", "Inköpare"), "lisa@demoplat.example", 0, state="draft, just registered"),
)
