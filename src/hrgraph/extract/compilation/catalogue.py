"""The instruments whose text the compilation prints, and the ones it only names.

Each entry pairs an instrument key (DESIGN §2) with the title **as the compilation prints it**
at the head of the instrument's text (a regular expression, matched case-insensitively at the
start of a line: the printed titles vary in case, e.g. ``RelativA``). The key, kind and system
are curated facts about the instrument; the printed title, adoption line and articles are read
from the source. ``NAMED_ONLY`` lists instruments that the signature/ratification tables name
but whose text the compilation does not print, with the table wording that names them.

The ILO texts carry no convention number; they are identified by the short title in their
final preamble clause (``podrá ser citado como el Convenio sobre …, 1932``) and the adoption
date. The text printed under the title *relativo a la edad de admisión de los niños a los
trabajos no industriales* is the 1932 Convention (C033), not the 1937 revision (C060) that the
table row names.

>>> [s.key for s in PRINTED][:3]
['UDHR', 'ICESCR', 'ICCPR']
>>> spec("ILO-C033").system
'ILO'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class InstrumentSpec:
    key: str
    title: str  # regular expression for the printed title
    kind: str  # Treaty, OptionalProtocol, Declaration (as resources/reference/instruments.csv has it)
    system: str  # UN, ILO, OAS, HCCH
    parent: str = ""
    divisions: tuple[str, ...] = field(default=())  # unnumbered division titles, as printed

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(r"^\s*(?:" + self.title + r")", re.IGNORECASE)


def _s(key: str, title: str, kind: str = "Treaty", system: str = "UN", parent: str = "",
       divisions: tuple[str, ...] = ()) -> InstrumentSpec:  # fmt: skip
    return InstrumentSpec(key, title, kind, system, parent, divisions)


PRINTED: tuple[InstrumentSpec, ...] = (
    _s("UDHR", r"Declaración Universal de Derechos Humanos$", "Declaration"),
    _s("ICESCR", r"Pacto Internacional de Derechos Económicos, Sociales y Culturales$"),
    _s("ICCPR", r"Pacto Internacional de Derechos Civiles y Políticos(?= Preámbulo)"),
    _s(
        "ICCPR-OP1",
        r"Protocolo Facultativo del Pacto Internacional de Derechos Civiles y "
        r"Políticos(?= Los Estados)",
        "OptionalProtocol",
        parent="ICCPR",
    ),
    _s(
        "ICCPR-OP2",
        r"Segundo Protocolo Facultativo del Pacto Internacional de Derechos Civiles "
        r"y Políticos, destinado a abolir la pena de muerte",
        "OptionalProtocol",
        parent="ICCPR",
    ),
    _s(
        "CAT",
        r"Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o "
        r"Degradantes(?= Adoptada)",
    ),
    _s(
        "CERD",
        r"Convención Internacional sobre la Eliminación de todas las Formas de "
        r"Discriminación Racial(?= Adoptada)",
    ),
    _s(
        "CEDAW",
        r"Convención sobre la eliminación de todas las formas de discriminación contra "
        r"la mujer(?= Adoptada)",
    ),
    _s(
        "CEDAW-OP",
        r"Protocolo Facultativo de la Convención sobre la eliminación de todas las "
        r"formas de discriminación contra la mujer(?= Adoptado)",
        "OptionalProtocol",
        parent="CEDAW",
    ),
    _s("CPRW", r"Convención sobre los derechos políticos de la mujer$"),
    _s("CRC", r"Convención sobre los Derechos del Niño$"),
    _s(
        "CRC-OP-AC",
        r"Protocolo Facultativo de la Convención sobre los Derechos del Niño Relativa "
        r"a la Participación de Niños en los Conflictos Armados",
        "OptionalProtocol",
        parent="CRC",
    ),
    _s(
        "CRC-OP-SC",
        r"Protocolo Facultativo de la Convención sobre los Derechos del Niño Relativa "
        r"a la Venta de Niños, la Prostitución Infantil y la Utilización de Niños en la "
        r"Pornografía",
        "OptionalProtocol",
        parent="CRC",
    ),
    _s(
        "HCCH-1980-ABDUCTION",
        r"Convenio sobre los aspectos civiles de la sustracción internacional de "
        r"menores(?= Los Estados)",
        system="HCCH",
    ),
    _s(
        "HCCH-1993-ADOPTION",
        r"Convenio relativo a la Protección del Niño y a la Cooperación en materia de "
        r"Adopción Internacional(?= Los Estados)",
        system="HCCH",
    ),
    _s(
        "CMW",
        r"Convención internacional sobre la protección de los derechos de todos los "
        r"trabajadores migratorios y de sus familiares(?= Adoptada)",
    ),
    _s("CSR51", r"Convención sobre el estatuto de los refugiados(?= Adoptada)"),
    _s("CSR-PROT67", r"Protocolo sobre el estatuto de refugiados$", "Treaty", parent="CSR51"),
    _s("GENOCIDE", r"Convención para la Prevención y la Sanción del Delito de Genocidio(?= Adoptada)"),
    _s(
        "UNTOC",
        r"Convención de las Naciones Unidas contra la Delincuencia Organizada "
        r"Transnacional(?= Artículo)",
    ),
    _s("ROME-STATUTE", r"Estatuto de Roma de la Corte Penal Internacional(?= Preámbulo)"),
    _s("HOSTAGES", r"Convención internacional contra la toma de rehenes(?= Adoptada)"),
    _s(
        "TERRORIST-BOMBINGS",
        r"Convenio internacional para la represión de los atentados terroristas "
        r"cometidos con bombas(?= Adoptada)",
    ),
    _s(
        "UNTOC-PROT-TIP",
        r"Protocolo para prevenir, reprimir y sancionar la trata de personas, "
        r"especialmente mujeres y niños, que complementa la Convención de las Naciones Unidas "
        r"contra la Delincuencia Organizada Transnacional",
        "OptionalProtocol",
        parent="UNTOC",
    ),
    _s("ILO-C029", r"Convenio relativo al trabajo forzoso u obligatorio(?= La Conferencia)", system="ILO"),
    _s(
        "ILO-C087",
        r"Convenio relativo a la libertad sindical y a la protección del derecho de "
        r"sindicación(?= La Conferencia)",
        system="ILO",
    ),
    _s("ILO-C105", r"Convenio relativo a la abolición del trabajo forzoso(?= La Conferencia)", system="ILO"),
    _s("ILO-C122", r"Convenio relativo a la política del empleo(?= La Conferencia)", system="ILO"),
    _s(
        "ILO-C159",
        r"Convenio sobre la readaptación profesional y el empleo de personas "
        r"inválidas(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C107",
        r"Convenio relativo a la protección e integración de las poblaciones indígenas "
        r"y de otras poblaciones tribales y semitribales en los países independientes"
        r"(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C169",
        r"Convenio sobre pueblos indígenas y tribales en países independientes"
        r"(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C033",
        r"Convenio relativo a la edad de admisión de los niños a los trabajos no "
        r"industriales(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C079",
        r"Convenio relativo a la limitación del trabajo nocturno de los menores en "
        r"trabajos no industriales(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C078",
        r"Convenio relativo al examen médico de aptitud para el empleo de los menores "
        r"en trabajos no industriales(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C090",
        r"Convenio relativo al trabajo nocturno de los menores en la industria"
        r"(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ILO-C124",
        r"Convenio relativo al examen médico de aptitud de los menores para el empleo "
        r"en trabajos subterráneos en las minas$",
        system="ILO",
    ),
    _s(
        "ILO-C123",
        r"Convenio relativo a la edad mínima de admisión al trabajo subterráneo en las "
        r"minas(?= La Conferencia)",
        system="ILO",
    ),
    _s("ILO-C138", r"Convenio sobre la edad mínima de admisión al empleo(?= La Conferencia)", system="ILO"),
    _s(
        "ILO-C182",
        r"Convenio sobre la prohibición de las peores formas de trabajo infantil y la "
        r"acción inmediata para su eliminación(?= La Conferencia)",
        system="ILO",
    ),
    _s(
        "ADRDM", r"Declaración Americana de los Derechos y Deberes del Hombre(?= La IX)", "Declaration", "OAS"
    ),
    _s("ACHR", r"Convención Americana sobre Derechos Humanos$", system="OAS"),
    _s(
        "ACHR-OP-SS",
        r"Protocolo Adicional a la Convención Americana sobre Derechos Humanos en "
        r"materia de Derechos Económicos, Sociales y Culturales, “Protocolo De San Salvador”",
        "OptionalProtocol",
        "OAS",
        parent="ACHR",
    ),
    _s(
        "ACHR-OP-DP",
        r"Protocolo a la Convención Americana sobre Derechos Humanos relativa a la "
        r"abolición de la pena de muerte",
        "OptionalProtocol",
        "OAS",
        parent="ACHR",
    ),
    _s("IACFDP", r"Convención Interamericana sobre desaparición forzada de personas$", system="OAS"),
    _s(
        "IACPPT",
        r"Convención Interamericana para prevenir y sancionar la tortura(?= Los Estados)",
        system="OAS",
    ),
    _s(
        "IACEDPD",
        r"Convención Interamericana para la eliminación de todas las formas de "
        r"discriminación contra las personas con discapacidad(?= \()",
        system="OAS",
    ),
    _s(
        "BELEM-DO-PARA",
        r"Convención Interamericana para prevenir sancionar y erradicar la violencia "
        r"contra la mujer “Convención de Belém do Pará”",
        system="OAS",
    ),
    _s(
        "IACSO",
        r"Convención Interamericana sobre obligaciones alimentarias(?= Ámbito)",
        system="OAS",
        divisions=(
            "Ámbito de aplicación",
            "Derecho aplicable",
            "Competencia en la esfera internacional",
            "Cooperación procesal internacional",
            "Disposiciones generales",
            "Disposiciones finales",
        ),
    ),
    _s(
        "IACIRM",
        r"Convención Interamericana sobre restitución internacional de menores"
        r"(?= Ámbito)",
        system="OAS",
        divisions=(
            "Ámbito de Aplicación",
            "Autoridad central",
            "Procedimiento para la restitución",
            "Localización de menores",
            "Derecho de visita",
            "Disposiciones generales",
            "Disposiciones finales",
        ),
    ),
    _s(
        "IACITM",
        r"Convención interamericana sobre tráfico internacional de menores"
        r"(?= Los Estados)",
        system="OAS",
    ),
    _s("OAS-DIPLOMATIC-ASYLUM-1954", r"Convención sobre asilo diplomático$", system="OAS"),
    _s("OAS-TERRITORIAL-ASYLUM-1954", r"Convención sobre asilo territorial(?= Los gobiernos)", system="OAS"),
    _s("HAVANA-ASYLUM-1928", r"Convención sobre asilo(?= \(Firmada en La Habana)", system="OAS"),
    _s(
        "MONTEVIDEO-POLITICAL-ASYLUM-1933", r"Convención sobre asilo político(?= Los Gobiernos)", system="OAS"
    ),
    _s(
        "MONTEVIDEO-ASYLUM-REFUGE-1939",
        r"Tratado sobre asilo y refugio político de Montevideo de 1939$",
        system="OAS",
    ),
)


@dataclass(frozen=True)
class NamedSpec:
    """An instrument a table names without the compilation printing its text."""

    key: str
    title: str  # regular expression for the table's wording
    kind: str
    system: str


NAMED_ONLY: tuple[NamedSpec, ...] = (
    NamedSpec(
        "ILO-C059",
        r"Convenio por el que se fija la edad de admisión de los niños a los "
        r"trabajos industriales \(OIT\)",
        "Treaty",
        "ILO",
    ),
    NamedSpec(
        "ILO-C060",
        r"Convenio por el que se fija la edad de admisión de los niños a los "
        r"trabajos no industriales \(Convenio N° 60",
        "Treaty",
        "ILO",
    ),
)


def spec(key: str) -> InstrumentSpec:
    for s in PRINTED:
        if s.key == key:
            return s
    raise KeyError(key)


def match_title(line: str) -> tuple[InstrumentSpec, int] | None:
    """The instrument whose printed title starts ``line``, and where the title ends."""
    for s in PRINTED:
        m = s.pattern.match(line)
        if m:
            return s, m.end()
    return None
