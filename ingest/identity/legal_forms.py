"""Reference lists for organisation names: legal forms, connectives, known other names.

Legal forms are written as the words they fold to (dots and spaces dropped: "e.V." is
``ev``, "S.p.A." ``spa``, "Sp. z o.o." ``spzoo``), gathered from the EU's company-law
forms per country (the EU Business Registers Interconnection System lists) and from the
suffixes the shared CORDIS, ESIF and EFRO files carry.
"""

from __future__ import annotations

# Legal-form suffixes (and a few prefixes) of the EU/EEA countries, the UK and Switzerland,
# folded: lower case, accents and punctuation dropped, the words joined.
LEGAL_FORMS: frozenset[str] = frozenset(
    """
    nv bv bvba cvba cvoa vof cv vzw ivzw asbl aisbl sprl srl scrl scs sca sa sas sasu sarl
    eurl snc sci sem gie scop scic ba
    gmbh ggmbh mbh ag kg kgaa ohg ev eg ug gbr gmbhcokg agcokg kgcokg cokg gmbhco
    spa sapa srls sagl scarl scpa sccl slu sl sll slne sau
    oy oyj ab publab hb kb as asa sa ans da ks aps amba ivs ehf hf ohf sf
    ltd limited plc llp lp cic uc dac clg
    inc corp corporation llc
    sro as vos ks spzoo sa spj spk ska
    kft zrt nyrt bt kkt
    doo dd dno kd
    ou as
    uab ab mb vsi
    sia as
    ad ead ood eood et
    sa srl sca
    lda sa unipessoal
    ae epe ike oe
    ltd plc
    se scesce eeig
    """.split()
)

# Legal forms spelt out, folded, -> the abbreviation registries and texts write instead
# ("Siemens Aktiengesellschaft" is "Siemens AG"): company registers give the full form
# (CORDIS copies it: "SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA"), everyone else the short
# one, so the full form is read as the abbreviation before legal forms are stripped.
SPELLED_LEGAL_FORMS: dict[tuple[str, ...], str] = {
    tuple(spelled.split()): form
    for spelled, form in (
        ("aktiengesellschaft", "ag"),
        ("gesellschaft mit beschraenkter haftung", "gmbh"),
        ("kommanditgesellschaft", "kg"),
        ("eingetragener verein", "ev"),
        ("eingetragene genossenschaft", "eg"),
        ("naamloze vennootschap", "nv"),
        ("besloten vennootschap met beperkte aansprakelijkheid", "bvba"),
        ("besloten vennootschap", "bv"),
        ("vereniging zonder winstoogmerk", "vzw"),
        ("association sans but lucratif", "asbl"),
        ("societe anonyme", "sa"),
        ("societe a responsabilite limitee", "sarl"),
        ("societe par actions simplifiee", "sas"),
        ("societe privee a responsabilite limitee", "sprl"),
        ("societa per azioni", "spa"),
        ("societa a responsabilita limitata", "srl"),
        ("sociedad anonima", "sa"),
        ("sociedad limitada", "sl"),
        ("sociedade anonima", "sa"),
        ("spolka z ograniczona odpowiedzialnoscia", "spzoo"),
        ("spolka akcyjna", "sa"),
        ("spolecnost s rucenim omezenym", "sro"),
        ("korlatolt felelossegu tarsasag", "kft"),
        ("zartkoruen mukodo reszvenytarsasag", "zrt"),
        ("osakeyhtio", "oy"),
        ("aktiebolag", "ab"),
        ("aksjeselskap", "as"),
        ("anonim sirketi", "as"),
        ("public limited company", "plc"),
        ("limited liability partnership", "llp"),
        ("company limited by guarantee", "clg"),
        ("unlimited company", "uc"),
    )
}

# Words that open a name as its legal form: a Dutch foundation, association or
# cooperative ("Stichting Saxion" is Saxion), a Belgian non-profit.
LEADING_LEGAL_FORMS: frozenset[str] = frozenset("stichting vzw asbl".split())

# The word for university in the sources' languages, folded.
UNIVERSITY_WORDS: frozenset[str] = frozenset(
    "university universiteit universitaet universitat universite universita universidad "
    "universidade uniwersytet univerzita yliopisto universitet".split()
)

# Words that join parts of a name in the source languages; dropped so that "R&D",
# "R and D" and "R en D" agree.
CONNECTIVES: frozenset[str] = frozenset("and en und et og och y ja te".split())

# Adjectives of the Belgian regions and communities, which name their agencies with and
# without them ("(Vlaams) Agentschap Ondernemen"). Only these: a province's adjective is
# part of company names ("Limburgse Urethaan Chemie"), and each province has its own
# development company or chamber, so "Limburgse X" and "Brabantse X" are two bodies.
GOVERNMENT_ADJECTIVES: frozenset[str] = frozenset(
    "vlaams vlaamse waals waalse brussels brusselse flemish walloon".split()
)

# Words that begin a name without being part of its identity.
LEADING_ARTICLES: frozenset[str] = frozenset("the de het la le les die der".split())

# Other names of the same organisation that no rule derives: translations and historical
# or informal names, each folded (see ``names.fold_words``) -> the folded name the sources
# use for it. Only organisations named in the shared documents and registries.
KNOWN_NAMES: dict[str, str] = {
    "fraunhofer": "fraunhofer gesellschaft zur foerderung der angewandten forschung",
    "fraunhofer gesellschaft": "fraunhofer gesellschaft zur foerderung der angewandten forschung",
    "fraunhofer society": "fraunhofer gesellschaft zur foerderung der angewandten forschung",
    "netherlands organisation for applied scientific research": "tno",
    "netherlands organization for applied scientific research": "tno",
    "nederlandse organisatie voor toegepast natuurwetenschappelijk onderzoek": "tno",
    "imec": "interuniversitair micro electronica centrum",
    "interuniversity microelectronics centre": "interuniversitair micro electronica centrum",
    "cea": "commissariat a l energie atomique aux energies alternatives",
    "cea leti": "commissariat a l energie atomique aux energies alternatives",
    "eindhoven university of technology": "technische universiteit eindhoven",
    "tu eindhoven": "technische universiteit eindhoven",
    "tu e": "technische universiteit eindhoven",
    "delft university of technology": "technische universiteit delft",
    "tu delft": "technische universiteit delft",
    "university of twente": "universiteit twente",
    "ku leuven": "katholieke universiteit leuven",
    "kuleuven": "katholieke universiteit leuven",
    "ghent university": "universiteit gent",
    "ugent": "universiteit gent",
    "vtt": "teknologian tutkimuskeskus vtt",
    "vtt technical research centre of finland": "teknologian tutkimuskeskus vtt",
    "sintef": "stiftelsen sintef",
}
