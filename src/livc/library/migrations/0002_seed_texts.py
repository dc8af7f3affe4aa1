# ruff: noqa: E501 - summaries and titles, one line each
"""The library's starting content, so it exists on every install (production included).

The texts are those of the reference list "Wettelijk kader op lokaal niveau" of the federal
Home Affairs department (shared/domain seed 000), the law of 30 July 2018 on the local
integrated security cells, article 458ter of the Criminal Code, and the related texts the
other domain documents name (Flemish action plans, the Flemish decree of 21 May 2021, the
GDPR). Titles marked not official are working titles taken from those documents; every
summary was written for the platform (the pages say so) and is not an official text.

Official references and publications are filled in only where the sources give them: no
number is guessed (the numac of the Belgian texts is left empty for an editor to add).
Full texts are not loaded: editors may add them where the licence allows.

Historical models only; no clock (created_at comes from the fields' auto_now_add).
"""

from django.db import migrations

# key: (Dutch, French, English or "")
ISSUERS = {
    "federal-legislator": ("Federale wetgever", "Législateur fédéral", "Federal legislature"),
    "federal-government": (
        "Belgische federale regering",
        "Gouvernement fédéral belge",
        "Belgian federal government",
    ),
    "senate": ("Belgische Senaat", "Sénat de Belgique", "Belgian Senate"),
    "brussels-government": (
        "Regering van het Brussels Hoofdstedelijk Gewest",
        "Gouvernement de la Région de Bruxelles-Capitale",
        "Government of the Brussels-Capital Region",
    ),
    "flemish-parliament": ("Vlaams Parlement", "Parlement flamand", "Flemish Parliament"),
    "flemish-government": ("Vlaamse Regering", "Gouvernement flamand", "Flemish Government"),
    "federation-wallonia-brussels": (
        "Federatie Wallonië-Brussel",
        "Fédération Wallonie-Bruxelles",
        "Wallonia-Brussels Federation",
    ),
    "public-service-wallonia": (
        "Waalse Overheidsdienst",
        "Service public de Wallonie",
        "Public Service of Wallonia",
    ),
    "coe-congress": (
        "Congres van Lokale en Regionale Overheden van de Raad van Europa",
        "Congrès des pouvoirs locaux et régionaux du Conseil de l'Europe",
        "Congress of Local and Regional Authorities of the Council of Europe",
    ),
    "coe-committee-of-ministers": (
        "Comité van Ministers van de Raad van Europa",
        "Comité des Ministres du Conseil de l'Europe",
        "Committee of Ministers of the Council of Europe",
    ),
    "conference-of-mayors-be-nl": (
        "Conferentie van burgemeesters van België en Nederland",
        "Conférence des bourgmestres de Belgique et des Pays-Bas",
        "Conference of mayors of Belgium and the Netherlands",
    ),
    "ocmw-brussel": ("OCMW Brussel", "CPAS de Bruxelles", ""),
    "charleroi": ("Charleroi", "Charleroi", ""),
    "icpd": ("ICPD", "ICPD", ""),
    "eu-parliament-council": (
        "Europees Parlement en Raad van de Europese Unie",
        "Parlement européen et Conseil de l'Union européenne",
        "European Parliament and Council of the European Union",
    ),
}

NO_TEXT_NL = "Het platform bewaart enkel deze beschrijving: raadpleeg de tekst bij de uitgever."
NO_TEXT_FR = (
    "La plateforme n'en conserve que cette description : consultez le texte auprès de l'émetteur."
)
IN_LIST_NL = "Vermeld in de referentielijst 'Wettelijk kader op lokaal niveau' van de FOD Binnenlandse Zaken."
IN_LIST_FR = (
    "Mentionné dans la liste de référence « Cadre légal au niveau local » du SPF Intérieur."
)

TEMPLATE_NL = """Charter voor de uitwisseling van informatie – [naam van de cel]

Dit is een vertrekpunt, opgesteld voor het platform bij het model ethisch handvest voor de uitwisseling van informatie (ICPD, 2016) in de bibliotheek. Het is niet de tekst van dat handvest: leg het naast het origineel en pas het aan aan uw cel.

1. Rechtsgrond en doel. De cel is een overleg in de zin van artikel 458ter van het Strafwetboek, opgericht krachtens de wet van 30 juli 2018. Informatie wordt enkel gedeeld met het oog op de persoonsgerichte opvolging van personen die tekenen van radicalisering vertonen, en voor geen ander doel.

2. Deelnemers. Aan het overleg nemen deel: de burgemeester of zijn vertegenwoordiger (voorzitter), de ambtenaar die het gemeentelijk preventiebeleid coördineert, en de korpschef van de lokale politie of zijn vertegenwoordiger. Op uitnodiging nemen de diensten deel die bij een casus betrokken zijn. [Vul de lijst van vaste partners van de cel aan.]

3. Noodzaak en proportionaliteit. Ik deel alleen wat nodig is voor de opvolging van de persoon in kwestie, en alleen met de deelnemers die het voor die casus nodig hebben. Ik deel feiten, geen vermoedens die ik niet kan toelichten.

4. Vrijwillige deelname. Elke dienst beslist zelf wat hij vanuit zijn opdracht en beroepsgeheim kan inbrengen. Een organisatie die niet wil deelnemen aan een casus, motiveert dat; de reden wordt genoteerd.

5. Geheimhouding. Wat in het overleg gedeeld wordt, blijft binnen het overleg. Ik geef het niet door aan collega's, mijn hiërarchie of derden, tenzij de wet mij daartoe verplicht.

6. Geen ander gebruik. Informatie uit het overleg wordt niet gebruikt voor een ander doel, zoals een gerechtelijk onderzoek of een tuchtprocedure, behalve in de gevallen die de wet uitdrukkelijk voorziet.

7. Verslag en bewaring. Afspraken worden per casus bondig en zakelijk vastgelegd, in het platform en nergens anders. Gegevens worden niet langer bewaard dan de termijnen die de cel heeft vastgelegd.

8. Beveiliging en incidenten. Ik bewaar geen eigen kopieën buiten het platform. Een vermoedelijk datalek of een schending van dit charter meld ik meteen aan de coördinator en aan de functionaris voor gegevensbescherming.

9. Evaluatie. De cel evalueert dit charter jaarlijks. Elke nieuwe versie wordt door alle deelnemers opnieuw aanvaard."""

TEMPLATE_FR = """Charte pour l'échange d'informations – [nom de la cellule]

Ceci est un point de départ, rédigé pour la plateforme à côté de la charte éthique type pour l'échange d'informations (ICPD, 2016) de la bibliothèque. Ce n'est pas le texte de cette charte : comparez-le à l'original et adaptez-le à votre cellule.

1. Base légale et finalité. La cellule est une concertation au sens de l'article 458ter du Code pénal, créée en vertu de la loi du 30 juillet 2018. Les informations ne sont partagées qu'en vue du suivi individuel de personnes qui présentent des signes de radicalisation, et à aucune autre fin.

2. Participants. Participent à la concertation : le bourgmestre ou son représentant (président), le fonctionnaire qui coordonne la politique communale de prévention, et le chef de corps de la police locale ou son représentant. Sur invitation, les services concernés par un cas y participent. [Complétez la liste des partenaires habituels de la cellule.]

3. Nécessité et proportionnalité. Je ne partage que ce qui est nécessaire au suivi de la personne concernée, et uniquement avec les participants qui en ont besoin pour ce cas. Je partage des faits, pas des soupçons que je ne peux pas expliquer.

4. Participation volontaire. Chaque service décide lui-même de ce qu'il peut apporter au regard de sa mission et de son secret professionnel. Une organisation qui ne souhaite pas participer à un cas motive son refus ; le motif est consigné.

5. Secret. Ce qui est partagé en concertation reste dans la concertation. Je ne le transmets ni à des collègues, ni à ma hiérarchie, ni à des tiers, sauf obligation légale.

6. Pas d'autre usage. Les informations issues de la concertation ne sont pas utilisées à d'autres fins, comme une enquête judiciaire ou une procédure disciplinaire, sauf dans les cas expressément prévus par la loi.

7. Procès-verbal et conservation. Les accords sont consignés par cas, de manière succincte et factuelle, dans la plateforme et nulle part ailleurs. Les données ne sont pas conservées au-delà des durées fixées par la cellule.

8. Sécurité et incidents. Je ne conserve aucune copie personnelle en dehors de la plateforme. Je signale immédiatement toute fuite de données présumée ou violation de la présente charte au coordinateur et au délégué à la protection des données.

9. Évaluation. La cellule évalue cette charte chaque année. Chaque nouvelle version est à nouveau acceptée par tous les participants."""

# key, kind, level, issuer, date (ISO, or "" when unknown), precision, official reference,
# publication, licence, charter template, themes, versions {language: (title, title is
# official, summary, url[, template text])}
ENTRIES = [
    (
        "be-law-2018-07-30-livc",
        "law",
        "federal",
        "federal-legislator",
        "2018-07-30",
        "day",
        "",
        "",
        "official",
        False,
        ["cells", "secrecy", "prevention", "local_governments"],
        {
            "nl": (
                "Wet van 30 juli 2018 tot oprichting van lokale integrale veiligheidscellen inzake radicalisme, extremisme en terrorisme",
                True,
                "De wet die de lokale integrale veiligheidscellen inzake radicalisme, extremisme en terrorisme (LIVC-R) regelt. De burgemeester richt de cel op; twee of meer burgemeesters kunnen samen één cel oprichten. Verplichte leden zijn de burgemeester of zijn vertegenwoordiger, de korpschef van de lokale politie of zijn vertegenwoordiger (in de praktijk de informatieambtenaar, de enige schakel met de Local Task Force) en de ambtenaar die het gemeentelijk preventiebeleid coördineert. Andere diensten worden uitgenodigd voor hun bijdrage aan de individuele opvolging. De cel is een overleg waarin wie aan het beroepsgeheim gebonden is, informatie kan delen onder de voorwaarden van artikel 458ter van het Strafwetboek.",
                "",
            ),
            "fr": (
                "Loi du 30 juillet 2018 portant création de cellules de sécurité intégrale locales en matière de radicalisme, d'extrémisme et de terrorisme",
                True,
                "La loi qui organise les cellules de sécurité intégrale locales en matière de radicalisme, d'extrémisme et de terrorisme (CSIL-R). Le bourgmestre met la cellule en place ; deux bourgmestres ou plus peuvent créer une cellule commune. En sont membres obligatoires le bourgmestre ou son représentant, le chef de corps de la police locale ou son représentant (en pratique le fonctionnaire d'information, seul lien avec la Local Task Force) et le fonctionnaire qui coordonne la politique communale de prévention. D'autres services sont invités pour leur contribution au suivi individuel. La cellule est une concertation où les personnes tenues au secret professionnel peuvent partager des informations aux conditions de l'article 458ter du Code pénal.",
                "",
            ),
        },
    ),
    (
        "be-criminal-code-art-458ter",
        "law",
        "federal",
        "federal-legislator",
        "",
        "",
        "Strafwetboek / Code pénal, art. 458ter",
        "",
        "official",
        False,
        ["secrecy", "cells", "data_protection"],
        {
            "nl": (
                "Strafwetboek, artikel 458ter (gedeeld beroepsgeheim in overleg)",
                False,
                "Wie door het beroepsgeheim gebonden is, mag geheimen delen in een overleg dat bij of krachtens een wet, decreet of ordonnantie georganiseerd is, en uitsluitend met het oog op het doel van dat overleg. De rechtsgrond moet bepalen wie deelneemt, met welke finaliteit en volgens welke modaliteiten het overleg verloopt. De deelnemers zijn zelf tot geheimhouding verplicht over wat in het overleg gedeeld wordt. Het artikel is de grondslag van het casusoverleg van de LIVC-R (wet van 30 juli 2018).",
                "",
            ),
            "fr": (
                "Code pénal, article 458ter (secret professionnel partagé en concertation)",
                False,
                "Les personnes tenues au secret professionnel peuvent partager des secrets dans une concertation organisée par ou en vertu d'une loi, d'un décret ou d'une ordonnance, et uniquement en vue de la finalité de cette concertation. La base légale doit préciser qui participe, dans quel but et selon quelles modalités. Les participants sont eux-mêmes tenus au secret sur ce qui est partagé en concertation. L'article fonde la concertation de cas de la CSIL-R (loi du 30 juillet 2018).",
                "",
            ),
        },
    ),
    (
        "be-circular-gpi-78",
        "circular",
        "federal",
        "federal-government",
        "2014-01-31",
        "day",
        "GPI 78",
        "",
        "official",
        False,
        ["police_information", "prevention", "data_protection"],
        {
            "nl": (
                "Ministeriële omzendbrief GPI 78 betreffende de informatieverwerking ten voordele van een geïntegreerde aanpak van terrorisme en gewelddadige radicalisering door de politie",
                False,
                "Kader voor de verwerking en uitwisseling van informatie door de politie met het oog op een geïntegreerde aanpak van terrorisme en gewelddadige radicalisering. "
                + IN_LIST_NL
                + " Die lijst schrijft 'GPI 78L'; de omzendbrief staat bekend als GPI 78. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Circulaire ministérielle GPI 78 relative au traitement de l'information au profit d'une approche intégrée du terrorisme et de la radicalisation violente par la police",
                False,
                "Cadre du traitement et de l'échange d'informations par la police en vue d'une approche intégrée du terrorisme et de la radicalisation violente. "
                + IN_LIST_FR
                + " Cette liste écrit « GPI 78L » ; la circulaire est connue sous le nom de GPI 78. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "be-federal-statement-2014-10-14",
        "communication",
        "federal",
        "federal-government",
        "2014-10-14",
        "day",
        "",
        "",
        "link_only",
        False,
        ["prevention"],
        {
            "nl": (
                "Verklaring van 14 oktober 2014: een alomvattende aanpak van radicalisering",
                False,
                "Verklaring over een alomvattende aanpak van radicalisering, onder de federale regering. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Déclaration du 14 octobre 2014 : une approche globale de la radicalisation",
                False,
                "Déclaration sur une approche globale de la radicalisation, sous le gouvernement fédéral. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "be-senate-letter-2015-09-21",
        "communication",
        "federal",
        "senate",
        "2015-09-21",
        "day",
        "",
        "",
        "link_only",
        False,
        ["prevention", "cooperation"],
        {
            "nl": (
                "Brief van de bijzondere commissie 'Radicalisering' van de Senaat van 21 september 2015",
                False,
                "Brief van de bijzondere Senaatscommissie over radicalisering. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Lettre de la commission spéciale « Radicalisation » du Sénat du 21 septembre 2015",
                False,
                "Lettre de la commission spéciale du Sénat consacrée à la radicalisation. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "be-federal-prevention-programme-2013",
        "plan",
        "federal",
        "federal-government",
        "2013-01-01",
        "year",
        "",
        "",
        "link_only",
        False,
        ["prevention", "reintegration", "cooperation"],
        {
            "nl": (
                "Federaal preventieprogramma van gewelddadige radicalisering (2013)",
                False,
                "Federaal programma van 2013. Volgens de VVSG beoogt het het stroomlijnen, ontwikkelen en ondersteunen van beleidsinitiatieven op federaal, regionaal en lokaal niveau, en maakt het onder punt 6 'Preventie van radicalisering en deradicalisering in de gevangenissen' werk van een omkadering van geradicaliseerde personen die vrijkomen. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Programme fédéral de prévention de la radicalisation violente (2013)",
                False,
                "Programme fédéral de 2013. Selon la VVSG, il vise à harmoniser, développer et soutenir les initiatives politiques aux niveaux fédéral, régional et local et, en son point 6 (prévention de la radicalisation et déradicalisation en prison), à encadrer les personnes radicalisées qui sont libérées. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "brussels-prevention-plan-2015",
        "plan",
        "regional",
        "brussels-government",
        "2015-01-01",
        "month",
        "",
        "",
        "link_only",
        False,
        ["prevention"],
        {
            "nl": (
                "Preventieplan Radicalisme van de Regering van het Brussels Hoofdstedelijk Gewest",
                False,
                "Plan van januari 2015 van de Brusselse regering ter preventie van radicalisme. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan de prévention du radicalisme du Gouvernement de la Région de Bruxelles-Capitale",
                False,
                "Plan de janvier 2015 du gouvernement bruxellois pour la prévention du radicalisme. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-parliament-recommendations-2015-05-27",
        "recommendation",
        "community",
        "flemish-parliament",
        "2015-05-27",
        "day",
        "",
        "",
        "link_only",
        False,
        ["prevention"],
        {
            "nl": (
                "Aanbevelingen van het Vlaams Parlement van 27 mei 2015",
                False,
                "Aanbevelingen van het Vlaams Parlement over de aanpak van radicalisering. Volgens de VVSG hield de commissie Radicalisering van het Vlaams Parlement hoorzittingen, en zou de Vlaamse Regering in haar verdere aanpak rekening houden met de aanbevelingen die daaruit voortvloeien. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Recommandations du Parlement flamand du 27 mai 2015",
                False,
                "Recommandations du Parlement flamand sur l'approche de la radicalisation. Selon la VVSG, la commission Radicalisation du Parlement flamand a tenu des auditions, et le Gouvernement flamand devait tenir compte des recommandations qui en découlent. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-concept-note-2015-01-16",
        "communication",
        "community",
        "flemish-government",
        "2015-01-16",
        "day",
        "",
        "",
        "link_only",
        False,
        ["prevention"],
        {
            "nl": (
                "Conceptnota over de preventie van radicalisering (16 januari 2015)",
                False,
                "Conceptnota van de Vlaamse Regering, goedgekeurd op 16 januari 2015, die de krijtlijnen vastlegde voor een actieplan gericht op preventie (bron: VVSG). "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Note conceptuelle sur la prévention de la radicalisation (16 janvier 2015)",
                False,
                "Note conceptuelle du Gouvernement flamand, approuvée le 16 janvier 2015, qui a fixé les lignes directrices d'un plan d'action axé sur la prévention (source : VVSG). "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-action-plan-2015",
        "plan",
        "community",
        "flemish-government",
        "2015-04-03",
        "day",
        "",
        "",
        "link_only",
        False,
        ["prevention", "cooperation", "local_governments", "family_support"],
        {
            "nl": (
                "Actieplan ter preventie van radicaliseringsprocessen die kunnen leiden tot extremisme en terrorisme",
                False,
                "Goedgekeurd door de Vlaamse Regering op 3 april 2015 volgens de VVSG; de referentielijst van de FOD Binnenlandse Zaken vermeldt 13 april 2015. Concretiseert de conceptnota van 16 januari 2015. Het plan telt 40 maatregelen rond 11 assen, met de nadruk op informatiedeling, betere samenwerking en sterkere coördinatie tussen bestuursniveaus, en bijzondere aandacht voor lokale besturen en eerstelijnswerkers: ondersteuning van steden en gemeenten, expertiseontwikkeling, ondersteuning van eerstelijnswerkers en ouders, weerbaarheid van jongeren. Het Vlaams Platform Radicalisering coördineert, volgt op en rapporteert halfjaarlijks aan het Vlaams Parlement; een globale evaluatie was gepland in 2018. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan d'action pour la prévention des processus de radicalisation pouvant mener à l'extrémisme et au terrorisme",
                False,
                "Approuvé par le Gouvernement flamand le 3 avril 2015 selon la VVSG ; la liste de référence du SPF Intérieur indique le 13 avril 2015. Il concrétise la note conceptuelle du 16 janvier 2015. Le plan compte 40 mesures réparties en 11 axes, axées sur le partage d'informations, une meilleure collaboration et une coordination renforcée entre niveaux de pouvoir, avec une attention particulière aux pouvoirs locaux et aux travailleurs de première ligne : soutien aux villes et communes, développement de l'expertise, soutien aux travailleurs de première ligne et aux parents, résilience des jeunes. La Plateforme flamande Radicalisation coordonne, assure le suivi et fait rapport au Parlement flamand tous les six mois ; une évaluation globale était prévue en 2018. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-helpline-2015-12-10",
        "communication",
        "community",
        "flemish-government",
        "2015-12-10",
        "day",
        "",
        "",
        "link_only",
        False,
        ["family_support", "prevention"],
        {
            "nl": (
                "Werking van de hulplijn rond radicalisering (10 december 2015)",
                False,
                "Tekst van de Vlaamse Regering over de werking van de hulplijn rond radicalisering, voor ouders en eerstelijnswerkers met vragen. Een tekst met dezelfde titel volgde op 17 februari 2016. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Fonctionnement de la ligne d'aide sur la radicalisation (10 décembre 2015)",
                False,
                "Texte du Gouvernement flamand sur le fonctionnement de la ligne d'aide sur la radicalisation, pour les parents et les travailleurs de première ligne qui se posent des questions. Un texte portant le même titre a suivi le 17 février 2016. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-helpline-2016-02-17",
        "communication",
        "community",
        "flemish-government",
        "2016-02-17",
        "day",
        "",
        "",
        "link_only",
        False,
        ["family_support", "prevention"],
        {
            "nl": (
                "Werking van de hulplijn rond radicalisering (17 februari 2016)",
                False,
                "Tweede tekst van de Vlaamse Regering met deze titel, na die van 10 december 2015. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Fonctionnement de la ligne d'aide sur la radicalisation (17 février 2016)",
                False,
                "Deuxième texte du Gouvernement flamand portant ce titre, après celui du 10 décembre 2015. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-press-release-helpline-2016-02-15",
        "communication",
        "community",
        "flemish-government",
        "2016-02-15",
        "day",
        "",
        "",
        "link_only",
        False,
        ["family_support"],
        {
            "nl": (
                "Persmelding van de Vlaamse minister van Welzijn, Volksgezondheid en Gezin: 'Radicaliseert mijn kind? De opvoedingslijn luistert'",
                False,
                "Persmelding over de Opvoedingslijn, waar ouders terechtkunnen met de vraag of hun kind radicaliseert. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Communiqué de presse du ministre flamand du Bien-être, de la Santé publique et de la Famille : « Radicaliseert mijn kind? De opvoedingslijn luistert » (Mon enfant se radicalise-t-il ? La ligne d'aide à l'éducation écoute)",
                False,
                "Communiqué de presse sur l'Opvoedingslijn, la ligne d'aide à l'éducation flamande, à laquelle les parents peuvent s'adresser lorsqu'ils se demandent si leur enfant se radicalise. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-action-plan-2017",
        "plan",
        "community",
        "flemish-government",
        "2017-01-01",
        "year",
        "",
        "",
        "link_only",
        False,
        ["prevention", "polarisation", "reintegration"],
        {
            "nl": (
                "Vlaams actieplan ter preventie van gewelddadige radicalisering en polarisering (2017)",
                False,
                "Vlaams actieplan van 2017. Volgens de VVSG bevat het onder punt 6 de begeleiding van geradicaliseerde personen (het Vlaamse disengagementplan); de VVSG vroeg om naast islamistisch geïnspireerde radicalisering ook andere vormen van extremisme concreet aan te pakken. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan d'action flamand de prévention de la radicalisation violente et de la polarisation (2017)",
                False,
                "Plan d'action flamand de 2017. Selon la VVSG, il traite en son point 6 de l'accompagnement des personnes radicalisées (le plan flamand de désengagement) ; la VVSG a demandé d'aborder concrètement, outre la radicalisation d'inspiration islamiste, les autres formes d'extrémisme. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-objectives-2020-07-17",
        "communication",
        "community",
        "flemish-government",
        "2020-07-17",
        "day",
        "VR 2020 1707 MED.0257/1BIS",
        "",
        "link_only",
        False,
        ["prevention", "polarisation", "cooperation"],
        {
            "nl": (
                "Mededeling aan de Vlaamse Regering van 17 juli 2020: doelstellingenkader voor het actieplan ter preventie van gewelddadige radicalisering, extremisme, terrorisme en polarisatie 2020-2024",
                False,
                "Legde het doelstellingenkader van het actieplan 2020-2024 voor aan de Vlaamse Regering. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Communication au Gouvernement flamand du 17 juillet 2020 : cadre des objectifs du plan d'action de prévention de la radicalisation violente, de l'extrémisme, du terrorisme et de la polarisation 2020-2024",
                False,
                "A soumis au Gouvernement flamand le cadre des objectifs du plan d'action 2020-2024. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-action-plan-2020-2024",
        "plan",
        "community",
        "flemish-government",
        "",
        "",
        "",
        "",
        "link_only",
        False,
        ["polarisation", "prevention", "cooperation", "local_governments", "reintegration"],
        {
            "nl": (
                "Actieplan ter preventie van gewelddadige radicalisering, extremisme, terrorisme en polarisatie 2020-2024",
                False,
                "Geeft de acties van de Vlaamse beleidsdomeinen weer binnen 8 doelstellingen, onder meer: de samenleving weerbaar maken tegen polarisatie, online en offline (1); een krachtdadige aanpak van alle vormen van extremisme (2); samenwerking, coördinatie en informatie-uitwisseling tussen alle niveaus en structuren (3); ondersteuning van lokale besturen en lokale diensten (4); snelle detectie van signalen met een aanklampende, multidisciplinaire aanpak op maat van individuele casussen (5); disengagement en nazorg voor een betere re-integratie en minder recidive (6). Gemeenten zijn de eerste partners omdat ze het dichtst bij de burgers staan. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan d'action de prévention de la radicalisation violente, de l'extrémisme, du terrorisme et de la polarisation 2020-2024",
                False,
                "Présente les actions des domaines politiques flamands au sein de 8 objectifs, dont : rendre la société résiliente face à la polarisation, en ligne et hors ligne (1) ; une approche ferme de toutes les formes d'extrémisme (2) ; la collaboration, la coordination et l'échange d'informations entre tous les niveaux et structures (3) ; le soutien aux pouvoirs et services locaux (4) ; la détection rapide des signaux avec une approche multidisciplinaire et sur mesure des cas individuels (5) ; le désengagement et le suivi pour une meilleure réintégration et moins de récidive (6). Les communes sont les premiers partenaires car elles sont les plus proches des citoyens. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "vl-decree-2021-05-21-livc",
        "decree",
        "community",
        "flemish-parliament",
        "2021-05-21",
        "day",
        "",
        "",
        "official",
        False,
        ["cells", "secrecy", "cooperation"],
        {
            "nl": (
                "Decreet van 21 mei 2021 over de deelname van Vlaamse diensten aan de lokale integrale veiligheidscellen inzake radicalisme, extremisme en terrorisme",
                False,
                "Regelt de deelname van Vlaamse diensten aan de LIVC-R. Die diensten hebben spreekrecht, geen spreekplicht; een organisatie die weigert deel te nemen, geeft daarvoor haar redenen.",
                "",
            ),
            "fr": (
                "Décret flamand du 21 mai 2021 relatif à la participation des services flamands aux cellules de sécurité intégrale locales en matière de radicalisme, d'extrémisme et de terrorisme",
                False,
                "Règle la participation des services flamands aux CSIL-R. Ces services ont le droit de parler, sans obligation de le faire ; une organisation qui refuse de participer en donne les raisons.",
                "",
            ),
        },
    ),
    (
        "fwb-anti-racism-plan-2015",
        "plan",
        "community",
        "federation-wallonia-brussels",
        "2015-01-01",
        "year",
        "",
        "",
        "link_only",
        False,
        ["diversity"],
        {
            "nl": (
                "Anti-racismeplan van de Federatie Wallonië-Brussel (DG Personeelszaken en Opleiding)",
                False,
                "Anti-racismeplan, vermeld met vergaderingen op 27 februari en 20 maart 2015. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan anti-racisme de la Fédération Wallonie-Bruxelles (DG du personnel et de la formation)",
                False,
                "Plan anti-racisme, mentionné avec des réunions le 27 février et le 20 mars 2015. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "fwb-follow-up-report-wallonia",
        "report",
        "community",
        "federation-wallonia-brussels",
        "",
        "",
        "",
        "",
        "link_only",
        False,
        ["prevention"],
        {
            "nl": (
                "Follow-upverslag: preventie van radicalisme in Wallonië",
                False,
                "Verslag over de opvolging van de preventie van radicalisme in Wallonië, zonder datum. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Rapport de suivi : prévention du radicalisme en Wallonie",
                False,
                "Rapport de suivi de la prévention du radicalisme en Wallonie, sans date. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "spw-action-plan-violent-radicalism",
        "plan",
        "regional",
        "public-service-wallonia",
        "",
        "",
        "",
        "",
        "link_only",
        False,
        ["prevention", "local_governments"],
        {
            "nl": (
                "Actieplan ter voorkoming van gewelddadig radicalisme (Waalse Overheidsdienst, operationeel directoraat-generaal plaatselijke besturen, sociale actie en gezondheid)",
                False,
                "Actieplan van de Waalse Overheidsdienst ter voorkoming van gewelddadig radicalisme, zonder datum. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan d'action de prévention du radicalisme violent (Service public de Wallonie, direction générale opérationnelle des pouvoirs locaux, de l'action sociale et de la santé)",
                False,
                "Plan d'action du Service public de Wallonie pour la prévention du radicalisme violent, sans date. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "coe-congress-strategy-2015",
        "plan",
        "international",
        "coe-congress",
        "2015-02-02",
        "day",
        "CG/BUR/2015(27)22",
        "",
        "link_only",
        False,
        ["prevention", "local_governments", "international"],
        {
            "nl": (
                "Strategie van het Congres van Lokale en Regionale Overheden van de Raad van Europa ter bestrijding van radicalisering in steden en regio's",
                False,
                "Strategie voor lokale en regionale overheden om radicalisering in steden en regio's tegen te gaan, goedgekeurd door het bureau van het Congres op 2 februari 2015. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Stratégie du Congrès des pouvoirs locaux et régionaux du Conseil de l'Europe pour lutter contre la radicalisation dans les villes et les régions",
                False,
                "Stratégie destinée aux pouvoirs locaux et régionaux pour lutter contre la radicalisation dans les villes et les régions, approuvée par le Bureau du Congrès le 2 février 2015. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "coe-committee-of-ministers-action-plan-2015",
        "plan",
        "international",
        "coe-committee-of-ministers",
        "2015-05-19",
        "day",
        "CM(2015)74 add final",
        "",
        "link_only",
        False,
        ["prevention", "international"],
        {
            "nl": (
                "Actieplan van het Comité van Ministers van de Raad van Europa: 'United around our principles against violent extremism and radicalisation leading to terrorism'",
                False,
                "Actieplan van de Raad van Europa tegen gewelddadig extremisme en radicalisering die tot terrorisme leidt, aangenomen op 19 mei 2015. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Plan d'action du Comité des Ministres du Conseil de l'Europe : « United around our principles against violent extremism and radicalisation leading to terrorism »",
                False,
                "Plan d'action du Conseil de l'Europe contre l'extrémisme violent et la radicalisation conduisant au terrorisme, adopté le 19 mai 2015. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "mayors-be-nl-resolution-2014",
        "recommendation",
        "international",
        "conference-of-mayors-be-nl",
        "2014-01-01",
        "year",
        "",
        "",
        "link_only",
        False,
        ["local_governments", "international", "prevention"],
        {
            "nl": (
                "Resolutie van de Conferentie van burgemeesters van België en Nederland (2014)",
                False,
                "Resolutie van 2014 van burgemeesters uit België en Nederland. "
                + IN_LIST_NL
                + " "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Résolution de la Conférence des bourgmestres de Belgique et des Pays-Bas (2014)",
                False,
                "Résolution de 2014 de bourgmestres de Belgique et des Pays-Bas. "
                + IN_LIST_FR
                + " "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "ocmw-brussel-professional-secrecy-2015",
        "guideline",
        "local",
        "ocmw-brussel",
        "2015-04-30",
        "day",
        "",
        "",
        "link_only",
        False,
        ["secrecy"],
        {
            "nl": (
                "Oorsprong, beginselen en uitzonderingen van het beroepsgeheim vanuit het specifieke perspectief van het OCMW",
                False,
                "Standpunt van het OCMW Brussel over het beroepsgeheim: waar het vandaan komt, de beginselen en de uitzonderingen, vanuit de opdracht van een OCMW. Vermeld onder 'Positionering op lokaal niveau' in de referentielijst van de FOD Binnenlandse Zaken. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Origine, principes et exceptions du secret professionnel dans la perspective spécifique du CPAS",
                False,
                "Position du CPAS de Bruxelles sur le secret professionnel : son origine, ses principes et ses exceptions, au regard de la mission d'un CPAS. Mentionné sous « Positionnement au niveau local » dans la liste de référence du SPF Intérieur. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "charleroi-professional-secrecy-2015",
        "guideline",
        "local",
        "charleroi",
        "2015-09-28",
        "day",
        "",
        "",
        "link_only",
        False,
        ["secrecy"],
        {
            "nl": (
                "Bakens van het beroepsgeheim",
                False,
                "Richtpunten voor het beroepsgeheim, uit Charleroi. Vermeld onder 'Positionering op lokaal niveau' in de referentielijst van de FOD Binnenlandse Zaken. "
                + NO_TEXT_NL,
                "",
            ),
            "fr": (
                "Balises du secret professionnel",
                False,
                "Points de repère sur le secret professionnel, de Charleroi. Mentionné sous « Positionnement au niveau local » dans la liste de référence du SPF Intérieur. "
                + NO_TEXT_FR,
                "",
            ),
        },
    ),
    (
        "icpd-model-ethical-charter-2016",
        "model_document",
        "international",
        "icpd",
        "2016-01-01",
        "year",
        "",
        "",
        "link_only",
        True,
        ["secrecy", "data_protection", "cells"],
        {
            "nl": (
                "Model ethisch handvest voor de uitwisseling van informatie in lokale veiligheids- en misdaadpreventieraden",
                False,
                "Modeldocument met afspraken over de uitwisseling van informatie tussen de partners van lokale veiligheids- en preventieraden. Vermeld onder 'Positionering op lokaal niveau' in de referentielijst van de FOD Binnenlandse Zaken. Het platform bewaart de tekst niet (rechten onbekend), maar biedt een eigen vertrekpunt voor het charter van een cel, dat u naast het origineel legt.",
                "",
                TEMPLATE_NL,
            ),
            "fr": (
                "Charte éthique type pour l'échange d'informations dans les conseils locaux de sécurité et de prévention de la criminalité",
                False,
                "Document type fixant des règles pour l'échange d'informations entre les partenaires des conseils locaux de sécurité et de prévention. Mentionné sous « Positionnement au niveau local » dans la liste de référence du SPF Intérieur. La plateforme n'en conserve pas le texte (droits inconnus), mais propose son propre point de départ pour la charte d'une cellule, à comparer à l'original.",
                "",
                TEMPLATE_FR,
            ),
        },
    ),
    (
        "eu-gdpr-2016-679",
        "regulation",
        "international",
        "eu-parliament-council",
        "2016-04-27",
        "day",
        "(EU) 2016/679",
        "OJ L 119, 4.5.2016, p. 1–88",
        "official",
        False,
        ["data_protection"],
        {
            "nl": (
                "Verordening (EU) 2016/679 van het Europees Parlement en de Raad van 27 april 2016 betreffende de bescherming van natuurlijke personen in verband met de verwerking van persoonsgegevens en betreffende het vrije verkeer van die gegevens en tot intrekking van Richtlijn 95/46/EG (algemene verordening gegevensbescherming)",
                True,
                "De algemene verordening gegevensbescherming (AVG). Voor de cel: de gegevens van besproken personen zijn gevoelig van aard (overtuigingen) en soms strafrechtelijk. Doelbinding, minimale gegevensverwerking, opslagbeperking, verantwoordingsplicht (wie raadpleegde wat), beveiliging van de verwerking en het register van de verwerkingsactiviteiten zijn van toepassing.",
                "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            ),
            "fr": (
                "Règlement (UE) 2016/679 du Parlement européen et du Conseil du 27 avril 2016 relatif à la protection des personnes physiques à l'égard du traitement des données à caractère personnel et à la libre circulation de ces données, et abrogeant la directive 95/46/CE (règlement général sur la protection des données)",
                True,
                "Le règlement général sur la protection des données (RGPD). Pour la cellule : les données des personnes dont on discute sont sensibles par nature (convictions) et parfois pénales. La limitation des finalités, la minimisation des données, la limitation de la conservation, la responsabilité (qui a consulté quoi), la sécurité du traitement et le registre des activités de traitement s'appliquent.",
                "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            ),
            "en": (
                "Regulation (EU) 2016/679 of the European Parliament and of the Council of 27 April 2016 on the protection of natural persons with regard to the processing of personal data and on the free movement of such data, and repealing Directive 95/46/EC (General Data Protection Regulation)",
                True,
                "The General Data Protection Regulation (GDPR). For the cell: the data of persons discussed are sensitive by nature (beliefs) and sometimes criminal. Purpose limitation, data minimisation, storage limitation, accountability (who accessed what), security of processing and the record of processing activities apply.",
                "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            ),
        },
    ),
]

# source key, relation, target key: "source <relation> target"
RELATIONS = [
    ("be-law-2018-07-30-livc", "refers_to", "be-criminal-code-art-458ter"),
    ("vl-decree-2021-05-21-livc", "refers_to", "be-law-2018-07-30-livc"),
    ("vl-action-plan-2015", "implements", "vl-concept-note-2015-01-16"),
    ("vl-action-plan-2020-2024", "implements", "vl-objectives-2020-07-17"),
]


def seed(apps, schema_editor):
    import datetime

    Issuer = apps.get_model("library", "Issuer")
    Entry = apps.get_model("library", "Entry")
    LanguageVersion = apps.get_model("library", "LanguageVersion")
    EntryTheme = apps.get_model("library", "EntryTheme")
    Relation = apps.get_model("library", "Relation")

    issuers = {}
    for key, (name_nl, name_fr, name_en) in ISSUERS.items():
        issuers[key], _created = Issuer.objects.get_or_create(
            key=key, defaults={"name_nl": name_nl, "name_fr": name_fr, "name_en": name_en}
        )
    entries = {}
    for (
        key, kind, level, issuer, day, precision, reference, publication, licence, template, themes, versions,
    ) in ENTRIES:  # fmt: skip
        entry, created = Entry.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "level": level,
                "issuer": issuers[issuer],
                "issued_on": datetime.date.fromisoformat(day) if day else None,
                "date_precision": precision,
                "official_reference": reference,
                "publication": publication,
                "licence": licence,
                "is_charter_template": template,
            },
        )
        entries[key] = entry
        if not created:
            continue
        for language, (title, official, summary, url, *template_text) in versions.items():
            LanguageVersion.objects.create(
                entry=entry,
                language=language,
                title=title,
                title_is_official=official,
                summary=summary,
                url=url,
                template_text=template_text[0] if template_text else "",
            )
        EntryTheme.objects.bulk_create([EntryTheme(entry=entry, theme=theme) for theme in themes])
    for source, kind, target in RELATIONS:
        Relation.objects.get_or_create(source=entries[source], target=entries[target], kind=kind)


def unseed(apps, schema_editor):
    Entry = apps.get_model("library", "Entry")
    Issuer = apps.get_model("library", "Issuer")
    Entry.objects.filter(key__in=[row[0] for row in ENTRIES]).delete()
    Issuer.objects.filter(key__in=list(ISSUERS), entries__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
