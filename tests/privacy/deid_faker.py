"""A labelled de-identification test set made with Faker's nl_BE and fr_BE data, and how
well `deidentify` does on it.

Case-note sentences in Dutch and French embed names, national register numbers (valid
check digits), phone numbers, licence plates, addresses, towns, e-mail addresses and dates
of birth in the ways they are written in Belgium. Everything is made at test time from a
fixed seed with the data Faker ships (no network), so the set is the same on every machine
with the pinned Faker. Faker's nl_BE data serves both languages for what is Belgian
(phone formats, plates, postcodes, towns: its town list holds the French names of Walloon
towns); fr_BE has only person names, so French street names come from fr_FR.

Each sentence keeps its ground truth: the kind and the offsets of every identifier.
"Caught" is defined strictly: every digit run and every alphabetic token of two or more
letters of the identifier lies inside a replaced span (so "+32(0)" left before a replaced
number, or the town left after a replaced street, is a miss). Other words are the
alphabetic or numeric tokens of two or more characters outside every identifier; "kept"
is the share of them that no replaced span touches.

`python -m tests.privacy.deid_faker` prints the figures as a Markdown table.
"""

import datetime
import random
import re
import string
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from faker import Faker

SEED = 4242
PER_LANGUAGE = 400
HELD_OUT = 100
KINDS = (
    "name",
    "national_number",
    "phone",
    "plate",
    "address",
    "town",
    "place",
    "email",
    "birth_date",
)
# "town": the town (with its postcode when there is one) after a street and number;
# "place": a town named on its own after "woont in", "habite à" and the like.


@dataclass(frozen=True)
class Label:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    language: str
    text: str
    labels: tuple[Label, ...]
    subject: dict  # first_name, last_name, birth_date (ISO), national_number
    held_out: bool = False

    def value(self, label: Label) -> str:
        return self.text[label.start : label.end]


# Templates --------------------------------------------------------------------------------
# Slots: {subject} full name, {first} the subject's first name, {name} another person,
# {surname} another person's surname (after a title in the template), {dob} birth date,
# {nn} national register number, {phone}, {plate}, {address}, {place} a town alone,
# {email}; {hij}/{zijn}/{il}/{ne} follow the subject's gender.

DUTCH = [
    "Gesprek met {subject} (°{dob}) in ons kantoor; {hij} woont {address}.",
    "Betrokkene {subject}, RRN {nn}, werd gecontroleerd aan het station.",
    "De moeder, {name}, belde ons op {phone} om een afspraak te maken.",
    "{first} reed met de wagen van {zijn} oom ({plate}) naar de vergadering.",
    "Nummerplaat {plate}, een grijze Volkswagen, stond drie uur voor de school.",
    "Contact via {email} of gsm {phone}.",
    "{first} verhuisde in de zomer naar {place}, waar {hij} bij een tante woont.",
    "Verblijfadres: {address}. Gsm betrokkene: {phone}.",
    "Inspecteur {surname} noteerde het kenteken {plate} en het adres {address}.",
    "Volgens {name} (leerkracht) spijbelt {first} sinds de herfstvakantie drie keer per week.",
    "Mevrouw {surname} van het CLB vraagt een overleg; zij is bereikbaar op {phone} of via "
    "{email}.",
    "Rijksregisternummer {nn}, geboren op {dob}, gedomicilieerd {address}.",
    "De vader, {name}, woont sinds 2023 in {place} en heeft weinig contact met {first}.",
    "Afspraak om 14u30 bij jeugdconsulent {name}; adres van de dienst: {address}.",
    "{first} werd opgemerkt in een auto met nummerplaat {plate} die op naam staat van {name}.",
    "{subject} was 3 weken afwezig; de school belde 2 keer naar {phone}.",
    "Nieuw adres sinds de verhuis: {address} (2 kamers, huur 650 euro per maand).",
    "De broer van {first}, {name}, stond op de parking naast de wagen {plate}.",
    "Het PV vermeldt {subject}, geboren {dob}, rijksregisternummer {nn}, wonende te {place}.",
    "De familie is afkomstig uit {place} en wordt al 2 jaar door het OCMW gevolgd.",
    "Meneer {surname} van de VDAB mailt vanaf {email} en belt vanaf {phone}.",
    "Melding van de wijkagent: voertuig {plate} reed 's nachts rond het jeugdhuis, "
    "eigenaar {name}.",
    "{subject} (°{dob}) is ingeschreven op {address} maar verblijft meestal bij {zijn} vriendin.",
    "Bij de huisbezoek op {address} was alleen de stiefvader, {name}, thuis.",
    "Telefoon grootmoeder: {phone}; e-mail tante: {email}.",
    "{first} kreeg 2 GAS-boetes van 250 EUR en moet volgende week om 9u30 naar lokaal 204 van "
    "het OCMW.",
    "{first} volgt een cursus Nederlands niveau A2 en werkt 19 uur per week bij Colruyt.",
    "Het incident gebeurde in {place} op een zaterdagavond; de politie stelde PV nr. 2024/1187 op.",
    "{subject} woont sinds de scheiding bij {zijn} moeder; haar gsm is {phone} en haar wagen "
    "{plate}.",
    "Rijksregisternr. {nn}: betrokkene is gekend bij de jeugdrechter sinds 2022.",
    "Zijn vriendin, {name}, woont {address} en werkt in een winkel in {place}.",
]

FRENCH = [
    "Entretien avec {subject} ({ne} le {dob}) au service ; {il} habite {address}.",
    "L'intéressé {subject}, NN {nn}, a été contrôlé à la gare.",
    "Sa mère, {name}, nous a téléphoné au {phone} pour fixer un rendez-vous.",
    "{first} s'est déplacé avec la voiture de son oncle (plaque {plate}) jusqu'à la réunion.",
    "Véhicule immatriculé {plate}, une Peugeot grise, stationné trois heures devant l'école.",
    "Contact : {email} ou GSM {phone}.",
    "{first} a déménagé cet été à {place}, chez une tante.",
    "Adresse de résidence : {address}. GSM de l'intéressé : {phone}.",
    "L'inspecteur {surname} a relevé la plaque {plate} et l'adresse {address}.",
    "Selon {name} (enseignante), {first} manque l'école trois jours par semaine depuis octobre.",
    "Mme {surname} du PMS demande une concertation ; elle est joignable au {phone} ou par {email}.",
    "Numéro de registre national {nn}, {ne} le {dob}, domicilié {address}.",
    "Le père, {name}, habite à {place} depuis 2023 et a peu de contacts avec {first}.",
    "Rendez-vous à 14h30 chez le délégué {name} ; adresse du service : {address}.",
    "{first} a été vu dans une voiture immatriculée {plate}, au nom de {name}.",
    "{subject} a été absent 3 semaines ; l'école a appelé 2 fois le {phone}.",
    "Nouvelle adresse depuis le déménagement : {address} (2 chambres, loyer de 650 euros "
    "par mois).",
    "Le frère de {first}, {name}, était sur le parking à côté de la voiture {plate}.",
    "Le PV mentionne {subject}, {ne} le {dob}, NN {nn}, domicilié à {place}.",
    "La famille vient de {place} et est suivie par le CPAS depuis 2 ans.",
    "M. {surname} du FOREM écrit depuis {email} et appelle depuis le {phone}.",
    "Signalement de l'agent de quartier : le véhicule {plate} tournait la nuit autour de la "
    "maison de jeunes, propriétaire {name}.",
    "{subject} ({ne} le {dob}) est inscrit {address} mais vit surtout chez sa copine.",
    "Lors de la visite à domicile, {address}, seul le beau-père, {name}, était présent.",
    "Téléphone de la grand-mère : {phone} ; e-mail de la tante : {email}.",
    "{first} a reçu 2 amendes SAC de 250 EUR et doit se présenter la semaine prochaine à 9h30 "
    "au local 204 du CPAS.",
    "{first} suit un cours de néerlandais niveau A2 et travaille 19 heures par semaine chez "
    "Delhaize.",
    "L'incident s'est produit à {place} un samedi soir ; la police a dressé le PV n° 2024/1187.",
    "{subject} vit chez sa mère depuis le divorce ; son GSM est le {phone} et sa voiture la "
    "{plate}.",
    "Numéro national {nn} : l'intéressé est connu du juge de la jeunesse depuis 2022.",
    "Sa copine, {name}, habite {address} et travaille dans un magasin à {place}.",
]

# Written after the patterns were tuned on the templates above and never used to tune
# them: their figures are reported apart (`held_out`).
DUTCH_HELD_OUT = [
    "Op vraag van {name} werd {subject} doorverwezen naar de dienst in {place}.",
    "Auto: {plate}. Bestuurder: {name}. Tel.: {phone}.",
    "Domicilie {address}; verblijfplaats bij {zijn} grootmoeder te {place}.",
    "De leerkracht, mevrouw {surname}, stuurde een mail vanaf {email} naar de directie.",
    "{first} heeft een nieuw nummer: {phone} (het oude nummer werkt niet meer).",
    "Gegevens betrokkene: {subject}, °{dob}, RR {nn}.",
    "Het gezin verhuisde van {address} naar een sociale woning in {place}.",
    "Tijdens de controle op de E40 werd de wagen {plate} stilgelegd; de bestuurder, {name}, "
    "had geen rijbewijs.",
    "Contactpersoon: {name}, {phone}, {email}.",
    "{first} logeert soms bij een vriend in {place} en is dan onbereikbaar op {phone}.",
]
FRENCH_HELD_OUT = [
    "À la demande de {name}, {subject} a été orienté vers le service social de {place}.",
    "Voiture : {plate}. Conducteur : {name}. Tél. : {phone}.",
    "Domicile {address} ; réside chez sa grand-mère à {place}.",
    "L'enseignante, Mme {surname}, a envoyé un courriel depuis {email} à la direction.",
    "{first} a un nouveau numéro : {phone} (l'ancien ne fonctionne plus).",
    "Données de l'intéressé : {subject}, {ne} le {dob}, NN {nn}.",
    "La famille a quitté {address} pour un logement social à {place}.",
    "Lors du contrôle sur l'E411, la voiture {plate} a été immobilisée ; le conducteur, "
    "{name}, n'avait pas de permis.",
    "Personne de contact : {name}, {phone}, {email}.",
    "{first} loge parfois chez un ami à {place} et n'est alors pas joignable au {phone}.",
]


def _split(text: str) -> list[str]:
    return text.split()


# Phone formats beyond Faker's nl_BE ones: # a digit, @ a digit 1-9 (no number starts 00
# after the trunk 0), M a mobile prefix digit (5-9 after 04).
PHONE_FORMATS = [
    "04M# ## ## ##",
    "04M#/##.##.##",
    "04M# ### ###",
    "04M#/## ## ##",
    "04M#-##-##-##",
    "+32 4M# ## ## ##",
    "+324M#######",
    "0032 4M# ## ## ##",
    "0032 4M# ### ###",
    "+32 (0)4M# ## ## ##",
    "+32(0)4M# ## ## ##",
    "+32 (0)@ ### ## ##",
    "+32 @ ### ## ##",
    "0032 @ ### ## ##",
    "(0@) ### ## ##",
    "(0@#) ## ## ##",
    "(0@) #######",
    "(0@#) ######",
    "0@/ ### ## ##",
    "0@/### ## ##",
    "0@/###.##.##",
    "0@.###.##.##",
    "0@ ### ## ##",
    "0@#/## ## ##",
    "0@# ## ## ##",
    "0@-###-##-##",
]

# Plate formats beyond Faker's nl_BE ones: # a digit, ? a capital letter, @ a digit 1-9.
PLATE_FORMATS = [
    "@-???-###",
    "@???###",
    "@ ??? ###",
    "???-###",
    "??? ###",
    "###-???",
    "O-???-##",
    "Z-???-###",
    "Q-???-###",
]

NL_STREET_WORDS = _split(
    "Kerk Stations Molen School Dorps Kapel Beek Nieuw Hoog Ooste Weste Leuvense Brusselse "
    "Mechelse Gentse Linde Sint-Jans Veld Bos Kouter Linden Populieren Eiken Tuin Zand "
    "Dries Ham Meer Akker"
)
NL_STREET_ENDS = _split("straat straat straat laan steenweg plein lei dreef weg baan")
NL_TWO_WORD_STREETS = [
    "Kempische Steenweg",
    "Grote Markt",
    "Oude Baan",
    "Lange Leemstraat",
    "Brusselse Steenweg",
    "Koning Albertlaan",
    "Sint-Pietersnieuwstraat",
]
FR_STREETS = [
    "rue de la Station",
    "Rue Haute",
    "rue des Écoles",
    "avenue Louise",
    "chaussée de Mons",
    "Chaussée de Louvain",
    "place Saint-Lambert",
    "rue du Moulin",
    "avenue des Tilleuls",
    "boulevard d'Avroy",
    "rue de l'Église",
    "Rue Royale",
    "quai de la Dérivation",
    "clos des Lilas",
]
EMAIL_DOMAINS = _split(
    "telenet.be skynet.be proximus.be gmail.com hotmail.com outlook.be scarlet.be "
    "hotmail.be yahoo.fr live.be"
)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def national_number(birth: datetime.date, sequence: int) -> str:
    """The 11 digits of a Belgian national register number: YYMMDD, a day counter (odd for
    men), and 97 minus the remainder of the nine digits (prefixed by 2 for births from 2000
    on) divided by 97."""
    body = f"{birth:%y%m%d}{sequence:03d}"
    base = int(("2" if birth.year >= 2000 else "") + body)
    return f"{body}{97 - base % 97:02d}"


NN_FORMATS = [
    "{0}{1}{2}{3}{4}",
    "{0}.{1}.{2}-{3}.{4}",
    "{0} {1} {2} {3} {4}",
    "{0}{1}{2}-{3}-{4}",
    "{0}{1}{2} {3} {4}",
    "{0}.{1}.{2} {3}-{4}",
]

DUTCH_MONTHS = _split(
    "januari februari maart april mei juni juli augustus september oktober november december"
)
FRENCH_MONTHS = _split(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)


class Maker:
    """Identifiers of one language, drawn from one seeded random source."""

    def __init__(self, language: str, seed: int):
        self.language = language
        self.rng = random.Random(f"{seed}-{language}")  # noqa: S311 - test data, reproducible
        self.people = Faker("nl_BE" if language == "nl" else "fr_BE")
        self.belgian = Faker("nl_BE")
        self.french = Faker("fr_FR")
        for number, faker in enumerate((self.people, self.belgian, self.french)):
            faker.seed_instance(f"{seed}-{language}-{number}")

    # people
    def first_name(self, male: bool) -> str:
        people = self.people
        return people.first_name_male() if male else people.first_name_female()

    def last_name(self) -> str:
        if self.rng.random() < 0.07:
            return f"{self.people.last_name()}-{self.people.last_name()}"
        return self.people.last_name()

    def full_name(self) -> str:
        name = f"{self.first_name(self.rng.random() < 0.5)} {self.last_name()}"
        if self.rng.random() < 0.1:  # police notes write surnames in capitals
            first, _, last = name.partition(" ")
            name = f"{first} {last.upper()}"
        return name

    def birth_date(self) -> datetime.date:
        start = datetime.date(1996, 1, 1).toordinal()
        return datetime.date.fromordinal(start + self.rng.randrange(16 * 365))

    def written_date(self, date: datetime.date) -> str:
        months = DUTCH_MONTHS if self.language == "nl" else FRENCH_MONTHS
        day = "1er" if date.day == 1 and self.language == "fr" else str(date.day)
        return self.rng.choice(
            [
                f"{date:%d/%m/%Y}",
                f"{date.day}/{date.month}/{date.year}",
                f"{date:%d.%m.%Y}",
                f"{date:%d-%m-%Y}",
                f"{day} {months[date.month - 1]} {date.year}",
                f"{date:%Y-%m-%d}",
            ]
        )

    def written_national_number(self, digits: str) -> str:
        parts = (digits[0:2], digits[2:4], digits[4:6], digits[6:9], digits[9:11])
        return self.rng.choice(NN_FORMATS).format(*parts)

    # numbers
    def _fill(self, template: str) -> str:
        out = []
        for char in template:
            if char == "#":
                out.append(str(self.rng.randrange(10)))
            elif char == "@":
                out.append(str(self.rng.randrange(1, 10)))
            elif char == "M":
                out.append(str(self.rng.randrange(5, 10)))
            elif char == "?":
                out.append(self.rng.choice(string.ascii_uppercase))
            else:
                out.append(char)
        return "".join(out)

    def phone(self) -> str:
        if self.rng.random() < 0.4:
            while True:  # Faker's formats, without numbers starting 00 after the trunk 0
                number = self.belgian.phone_number()
                national = re.sub(r"\D", "", re.sub(r"^\+32(\(0\))?", "0", number))
                if not national.startswith("00"):
                    return number
        return self._fill(self.rng.choice(PHONE_FORMATS))

    def plate(self) -> str:
        if self.rng.random() < 0.4:
            return self.belgian.license_plate()
        return self._fill(self.rng.choice(PLATE_FORMATS))

    def email(self, name: str) -> str:
        if self.rng.random() < 0.3:
            return self.people.email()
        first, _, last = _ascii(name).lower().partition(" ")
        last = re.sub(r"[^a-z]", "", last)
        local = self.rng.choice(
            [f"{first}.{last}", f"{first}{last}", f"{first[0]}.{last}", f"{first}{last[:1]}"]
        )
        if self.rng.random() < 0.3:
            local += str(self.rng.randrange(1, 100))
        return f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"

    # places
    def town(self) -> str:
        return self.belgian.city()

    def street(self) -> str:
        roll = self.rng.random()
        if self.language == "fr":
            if roll < 0.5:
                street = self.french.street_name()
                return street[0].upper() + street[1:] if self.rng.random() < 0.3 else street
            return self.rng.choice(FR_STREETS)
        if roll < 0.4:
            return self.belgian.street_name()
        if roll < 0.85:
            return self.rng.choice(NL_STREET_WORDS) + self.rng.choice(NL_STREET_ENDS)
        return self.rng.choice(NL_TWO_WORD_STREETS)

    def address(self) -> tuple[str, tuple[int, int]]:
        """The address and the offsets of its town part (postcode and town)."""
        number = str(self.rng.choice([self.rng.randrange(1, 30), self.rng.randrange(1, 300)]))
        if self.rng.random() < 0.15:
            number += self.rng.choice("ABC")
        box = ""
        if self.rng.random() < 0.3:
            word = "bus" if self.language == "nl" else self.rng.choice(["bte", "boîte"])
            box = self.rng.choice(
                [f" {word} {self.rng.randrange(1, 30)}", f"/{self.rng.randrange(1, 9)}"]
            )
        street = self.street()
        if self.language == "fr" and self.rng.random() < 0.2:
            head = f"{number}, {street}"
        else:
            head = f"{street} {number}{box}"
        town = self.town()
        if self.rng.random() < 0.7:
            town = f"{self.belgian.postcode()} {town}"
        text = f"{head}, {town}"
        return text, (len(text) - len(town), len(text))


def _pieces(template: str):
    for literal, field, _, _ in string.Formatter().parse(template):
        yield literal, field


def _sentence(maker: Maker, template: str) -> Sentence:
    male = maker.rng.random() < 0.5
    first, last = maker.first_name(male), maker.last_name()
    birth = maker.birth_date()
    digits = national_number(birth, maker.rng.randrange(1, 998, 2) + (0 if male else 1))
    words = {
        "hij": "hij" if male else "zij",
        "zijn": "zijn" if male else "haar",
        "il": "il" if male else "elle",
        "ne": "né" if male else "née",
    }
    text, labels = "", []

    def add(kind: str, value: str, parts=()):
        nonlocal text
        start = len(text)
        text += value
        labels.append(Label(kind, start, len(text)))
        labels.extend(Label(k, start + a, start + b) for k, (a, b) in parts)

    for literal, field in _pieces(template):
        text += literal
        if field is None:
            continue
        if field in words:
            text += words[field]
        elif field == "subject":
            add("name", f"{first} {last}")
        elif field == "first":
            add("name", first)
        elif field == "name":
            add("name", maker.full_name())
        elif field == "surname":
            add("name", maker.last_name())
        elif field == "dob":
            add("birth_date", maker.written_date(birth))
        elif field == "nn":
            add("national_number", maker.written_national_number(digits))
        elif field == "phone":
            add("phone", maker.phone())
        elif field == "plate":
            add("plate", maker.plate())
        elif field == "address":
            address, town = maker.address()
            add("address", address, [("town", town)])
        elif field == "place":
            place = maker.town()
            if text.endswith(" de ") and place[0].lower() in "aeiouhéèâ":
                text = text[:-3] + "d'"
            add("place", place)
        elif field == "email":
            add(
                "email",
                maker.email(f"{first} {last}" if maker.rng.random() < 0.5 else maker.full_name()),
            )
        else:
            raise KeyError(field)
    subject = {
        "first_name": first,
        "last_name": last,
        "birth_date": birth.isoformat(),
        "national_number": digits,
    }
    return Sentence(maker.language, text, tuple(labels), subject)


def build(
    per_language: int = PER_LANGUAGE, held_out: int = HELD_OUT, seed: int = SEED
) -> list[Sentence]:
    """`per_language` sentences in Dutch and as many in French from the templates, each
    template in turn (so every kind is well represented) with fresh identifiers each time;
    then `held_out` more per language from the held-out templates."""
    sentences = []
    for language, templates, later in (
        ("nl", DUTCH, DUTCH_HELD_OUT),
        ("fr", FRENCH, FRENCH_HELD_OUT),
    ):
        maker = Maker(language, seed)
        sentences += [_sentence(maker, templates[i % len(templates)]) for i in range(per_language)]
        sentences += [
            replace(_sentence(maker, later[i % len(later)]), held_out=True) for i in range(held_out)
        ]
    return sentences


# Measuring --------------------------------------------------------------------------------

TOKEN = re.compile(r"\d+|[^\W\d_]{2,}")
OTHER_WORD = re.compile(r"\d{2,}|[^\W\d_]{2,}")


def caught(sentence: Sentence, label: Label, covered: set[int]) -> bool:
    """Every digit run and alphabetic token (two letters or more) of the identifier lies in
    a replaced span."""
    value = sentence.value(label)
    return all(
        all(label.start + i in covered for i in range(m.start(), m.end()))
        for m in TOKEN.finditer(value)
    )


@dataclass
class Figures:
    recall: dict[tuple[str, str], tuple[int, int]]  # (language, kind) -> (caught, total)
    kept: dict[str, tuple[int, int]]  # language -> (kept, other words)
    misses: list[tuple[str, str, str]]  # (kind, identifier, output)
    lost: Counter  # other words replaced
    seconds: float

    def share(self, language: str, kind: str) -> float:
        hits, total = self.recall[(language, kind)]
        return hits / total

    def kept_share(self, language: str) -> float:
        hits, total = self.kept[language]
        return hits / total


def known_identifiers(sentence: Sentence):
    from livc.privacy.deid import Category, Known  # noqa: PLC0415 - needs Django set up

    subject = sentence.subject
    return [
        Known(Category.NAME, subject["first_name"], role="first_name"),
        Known(Category.NAME, subject["last_name"], role="last_name"),
        Known(Category.DATE, subject["birth_date"]),
        Known(Category.NATIONAL_NUMBER, subject["national_number"]),
    ]


def measure(sentences: list[Sentence], *, known: bool = True) -> Figures:
    """Run `deidentify` on every sentence (with the subject's own identifiers, as the
    application does, unless `known` is false) and count."""
    from livc.privacy.deid import deidentify  # noqa: PLC0415

    recall: dict[tuple[str, str], list[int]] = {}
    kept: dict[str, list[int]] = {}
    misses, lost = [], Counter()
    started = time.perf_counter()
    for sentence in sentences:
        result = deidentify(
            sentence.text,
            language=sentence.language,
            known_identifiers=known_identifiers(sentence) if known else (),
        )
        covered = {i for span in result.spans for i in range(span.start, span.end)}
        labelled = {i for label in sentence.labels for i in range(label.start, label.end)}
        for label in sentence.labels:
            hit = caught(sentence, label, covered)
            counts = recall.setdefault((sentence.language, label.kind), [0, 0])
            counts[0] += hit
            counts[1] += 1
            if not hit:
                misses.append((label.kind, sentence.value(label), result.text))
        counts = kept.setdefault(sentence.language, [0, 0])
        for word in OTHER_WORD.finditer(sentence.text):
            positions = set(range(word.start(), word.end()))
            if positions & labelled:
                continue
            counts[1] += 1
            if positions & covered:
                lost[word.group()] += 1
            else:
                counts[0] += 1
    seconds = time.perf_counter() - started
    return Figures(
        {k: tuple(v) for k, v in recall.items()},
        {k: tuple(v) for k, v in kept.items()},
        misses,
        lost,
        seconds,
    )


def table(figures: Figures) -> str:
    lines = [
        "| identifier | nl | fr |",
        "| --- | --- | --- |",
    ]
    for kind in KINDS:
        cells = []
        for language in ("nl", "fr"):
            hits, total = figures.recall.get((language, kind), (0, 0))
            cells.append(f"{hits / total:.3f} ({hits}/{total})" if total else "-")
        lines.append(f"| {kind.replace('_', ' ')} | {' | '.join(cells)} |")
    cells = []
    for language in ("nl", "fr"):
        hits, total = figures.kept[language]
        cells.append(f"{hits / total:.3f} ({hits}/{total})")
    lines.append(f"| other words kept | {' | '.join(cells)} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a report for people
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livc.config.settings")
    django.setup()
    from livc.privacy.deid import deidentify

    deidentify("warm-up", language="nl")
    built = time.perf_counter()
    sentences = build()
    built = time.perf_counter() - built
    print(f"{len(sentences)} sentences built in {built:.2f} s")
    for with_known in (True, False):
        for title, part in (
            ("all", sentences),
            ("tuned", [s for s in sentences if not s.held_out]),
            ("held out", [s for s in sentences if s.held_out]),
        ):
            figures = measure(part, known=with_known)
            known = "with" if with_known else "without"
            print(
                f"\n{title}, {known} the subject's own identifiers: {len(part)} sentences, "
                f"de-identified in {figures.seconds:.2f} s\n"
            )
            print(table(figures))
            if "-v" in sys.argv:
                for kind, value, output in figures.misses:
                    print(f"MISS {kind}: {value!r} -> {output}")
                print("LOST", figures.lost.most_common(40))
