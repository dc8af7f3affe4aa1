# ruff: noqa: E501 - prose, one paragraph per line as members read it
"""Fictional charter texts for the demo cells, in the cell's working language."""

NL_RULES = """Huishoudelijk reglement – {cell}

1. Deelnemers. Het casusoverleg bestaat uit de burgemeester (voorzitter), de lokale coördinator van de preventiedienst en de informatieambtenaar van de lokale politie. Op uitnodiging van de coördinator nemen de partners deel die bij een casus betrokken zijn, onder meer het CAW, het CLB, het OCMW en de jeugdwerking. Elke partner duidt vaste vertegenwoordigers aan; een vervanging wordt vooraf aan de coördinator gemeld.

2. Doel. Het overleg wil terroristische misdrijven voorkomen door een persoonsgerichte begeleiding op maat van personen die tekenen van radicalisering vertonen (art. 458ter Strafwetboek en de wet van 30 juli 2018). Het overleg is geen onderzoeks- of opsporingsinstrument.

3. Verloop. Het casusoverleg komt minstens zes keer per jaar samen, en daarnaast telkens wanneer een signaal dat vereist. De coördinator stuurt de agenda ten laatste vijf werkdagen vooraf; per casus worden enkel de betrokken partners uitgenodigd. Elke deelnemer tekent bij aanvang de aanwezigheidslijst en het attest van beroepsgeheim.

4. Verslag. De coördinator maakt per casus een beknopt verslag met de gemaakte afspraken. Het verslag wordt goedgekeurd op het volgende overleg en enkel via het platform gedeeld met de deelnemers aan die casus.

5. Vrijwillige deelname. Een partner kan gemotiveerd weigeren deel te nemen aan een casus; de reden wordt genoteerd."""

NL_CONFIDENTIALITY = """Charter gedeeld beroepsgeheim – {cell}

Wie deelneemt aan het casusoverleg van {cell} is gebonden door het beroepsgeheim (art. 458ter Strafwetboek). Wat in het overleg gedeeld wordt, blijft binnen het overleg.

Ik deel enkel de informatie die nodig is voor de begeleiding van de persoon in kwestie, en niets meer. Ik geef informatie uit het overleg niet door aan collega's, aan mijn hiërarchie of aan derden, tenzij de wet mij daartoe verplicht.

Informatie uit het overleg wordt niet gebruikt voor andere doeleinden, zoals een gerechtelijk onderzoek of een tuchtprocedure, behalve in de gevallen die de wet uitdrukkelijk voorziet.

Ik bewaar geen eigen kopieën van verslagen of documenten buiten het platform. Mijn notities zijn zakelijk en bevatten geen overbodige persoonsgegevens.

Bij een vermoedelijk datalek of een schending van dit charter verwittig ik onmiddellijk de coördinator en de functionaris voor gegevensbescherming."""

FR_RULES = """Règlement d'ordre intérieur – {cell}

1. Participants. La concertation réunit le bourgmestre (président), le fonctionnaire de prévention (coordinateur) et le fonctionnaire d'information de la police locale. Sur invitation du coordinateur, les partenaires concernés par un cas y participent, notamment le CPAS, la maison de justice et les services d'aide à la jeunesse. Chaque partenaire désigne des représentants fixes ; tout remplacement est signalé au préalable au coordinateur.

2. Finalité. La concertation vise à prévenir les infractions terroristes par un suivi individuel et sur mesure des personnes qui présentent des signes de radicalisation (art. 458ter du Code pénal et loi du 30 juillet 2018). Elle n'est ni un outil d'enquête ni un outil de recherche.

3. Modalités. La concertation de cas se réunit au moins six fois par an, et chaque fois qu'un signalement le requiert. Le coordinateur envoie l'ordre du jour au plus tard cinq jours ouvrables à l'avance ; pour chaque cas, seuls les partenaires concernés sont invités. Chaque participant signe en début de séance la liste de présence et l'attestation de secret professionnel.

4. Procès-verbal. Le coordinateur rédige pour chaque cas un procès-verbal succinct reprenant les accords. Il est approuvé lors de la réunion suivante et partagé uniquement via la plateforme avec les participants de ce cas.

5. Participation volontaire. Un partenaire peut refuser, de manière motivée, de participer à un cas ; le motif est consigné."""

FR_CONFIDENTIALITY = """Charte du secret professionnel partagé – {cell}

Toute personne qui participe à la concertation de cas de la {cell} est tenue au secret professionnel (art. 458ter du Code pénal). Ce qui est partagé en concertation reste dans la concertation.

Je ne partage que les informations nécessaires au suivi de la personne concernée, et rien de plus. Je ne transmets pas les informations issues de la concertation à des collègues, à ma hiérarchie ou à des tiers, sauf obligation légale.

Les informations issues de la concertation ne sont pas utilisées à d'autres fins, comme une enquête judiciaire ou une procédure disciplinaire, sauf dans les cas expressément prévus par la loi.

Je ne conserve aucune copie personnelle des procès-verbaux ou des documents en dehors de la plateforme. Mes notes sont factuelles et sans données personnelles superflues.

En cas de fuite de données présumée ou de violation de la présente charte, j'avertis immédiatement le coordinateur et le délégué à la protection des données."""

TEXTS = {
    "nl": {"internal_rules": NL_RULES, "confidentiality": NL_CONFIDENTIALITY},
    "fr": {"internal_rules": FR_RULES, "confidentiality": FR_CONFIDENTIALITY},
}
