#include "phrases.h"


namespace gen {
namespace {

using Sv = std::string_view;

constexpr Sv kKbNames[] = {"Kommunalbestyrelsen"};
constexpr Sv kOekNames[] = {"Økonomiudvalget"};
constexpr Sv kBuuNames[] = {"Børne- og Ungdomsudvalget", "Børne- og ungdomsudvalget"};
constexpr Sv kVpuNames[] = {"Voksen- og Plejeudvalget", "Voksen- og plejeudvalget"};
constexpr Sv kTmuNames[] = {"Teknik- og Miljøudvalget", "Teknik- og miljøudvalget"};
constexpr Sv kKfuNames[] = {"Kultur- og Fritidsudvalget", "Kultur- og fritidsudvalget"};
constexpr Sv kEpuNames[] = {"Erhvervs- og Planudvalget", "Erhvervs- og planudvalget"};
constexpr Sv kHuNames[] = {"Hovedudvalget"};
constexpr Sv kOmuNames[] = {"Områdeudvalget for Socialområdet", "Områdeudvalg for Socialområdet",
                                      "Områdeudvalg socialområdet"};

// Weekday 0 = Monday. Meetings per year leave out July (and more for smaller committees).
const CommitteeInfo kCommittees[] = {
    {"Kommunalbestyrelsen", "KB", "kb", "Kommunalbestyrelsens", kKbNames, 1, 11, 2005, false},
    {"Økonomiudvalget", "ØK", "oek", "Økonomiudvalgets", kOekNames, 1, 11, 2005, false},
    {"Børne- og Ungdomsudvalget", "BUU", "buu", "Børne- og Ungdomsudvalgets", kBuuNames, 0, 10, 2005, false},
    {"Voksen- og Plejeudvalget", "VPU", "vpu", "Voksen- og Plejeudvalgets", kVpuNames, 2, 10, 2005, false},
    {"Teknik- og Miljøudvalget", "TMU", "tmu", "Teknik- og Miljøudvalgets", kTmuNames, 1, 10, 2005, false},
    {"Kultur- og Fritidsudvalget", "KFU", "kfu", "Kultur- og Fritidsudvalgets", kKfuNames, 3, 8, 2005, false},
    {"Erhvervs- og Planudvalget", "EPU", "epu", "Erhvervs- og Planudvalgets", kEpuNames, 0, 10, 2005, false},
    {"Hovedudvalget", "HU", "hu", "Hovedudvalgets", kHuNames, 3, 6, 2005, true},
    {"Områdeudvalg for Socialområdet", "OMU", "omu", "Områdeudvalgets", kOmuNames, 1, 6, 2015, true},
};

// The 98 municipalities; Norddjurs first (the seeds' own).
constexpr Sv kMunicipalities[] = {
    "Norddjurs Kommune", "Syddjurs Kommune", "Aarhus Kommune", "Randers Kommune", "Favrskov Kommune",
    "Skanderborg Kommune", "Silkeborg Kommune", "Viborg Kommune", "Horsens Kommune", "Hedensted Kommune",
    "Odder Kommune", "Samsø Kommune", "Herning Kommune", "Holstebro Kommune", "Ikast-Brande Kommune",
    "Lemvig Kommune", "Ringkøbing-Skjern Kommune", "Skive Kommune", "Struer Kommune", "Aalborg Kommune",
    "Brønderslev Kommune", "Frederikshavn Kommune", "Hjørring Kommune", "Jammerbugt Kommune",
    "Læsø Kommune", "Mariagerfjord Kommune", "Morsø Kommune", "Rebild Kommune", "Thisted Kommune",
    "Vesthimmerlands Kommune", "Billund Kommune", "Esbjerg Kommune", "Fanø Kommune",
    "Fredericia Kommune", "Haderslev Kommune", "Kolding Kommune", "Sønderborg Kommune",
    "Tønder Kommune", "Varde Kommune", "Vejen Kommune", "Vejle Kommune", "Aabenraa Kommune",
    "Assens Kommune", "Faaborg-Midtfyn Kommune", "Kerteminde Kommune", "Langeland Kommune",
    "Middelfart Kommune", "Nordfyns Kommune", "Nyborg Kommune", "Odense Kommune", "Svendborg Kommune",
    "Ærø Kommune", "Greve Kommune", "Køge Kommune", "Lejre Kommune", "Roskilde Kommune",
    "Solrød Kommune", "Faxe Kommune", "Holbæk Kommune", "Kalundborg Kommune", "Odsherred Kommune",
    "Ringsted Kommune", "Slagelse Kommune", "Sorø Kommune", "Stevns Kommune", "Guldborgsund Kommune",
    "Lolland Kommune", "Næstved Kommune", "Vordingborg Kommune", "Allerød Kommune", "Egedal Kommune",
    "Fredensborg Kommune", "Frederikssund Kommune", "Furesø Kommune", "Gribskov Kommune",
    "Halsnæs Kommune", "Helsingør Kommune", "Hillerød Kommune", "Hørsholm Kommune",
    "Rudersdal Kommune", "Bornholms Regionskommune", "Københavns Kommune", "Frederiksberg Kommune",
    "Albertslund Kommune", "Ballerup Kommune", "Brøndby Kommune", "Dragør Kommune", "Gentofte Kommune",
    "Gladsaxe Kommune", "Glostrup Kommune", "Herlev Kommune", "Hvidovre Kommune",
    "Høje-Taastrup Kommune", "Ishøj Kommune", "Lyngby-Taarbæk Kommune", "Rødovre Kommune",
    "Tårnby Kommune", "Vallensbæk Kommune"};

constexpr Sv kFirstNames[] = {
    "Anne", "Mette", "Hanne", "Karina", "Anni", "Marie-Louise", "Karoline", "Jytte", "Diana", "Tina",
    "Tinne", "Pia", "Susanne", "Lene", "Birgit", "Kirsten", "Helle", "Camilla", "Louise", "Charlotte",
    "Inger", "Bente", "Lise", "Maja", "Sofie", "Ida", "Rikke", "Dorthe", "Gitte", "Malene", "Signe",
    "Jette", "Ole", "Michael", "Sebastian", "Tom", "Hans-Henrik", "Jens", "Peter", "Lars", "Søren",
    "Niels", "Henrik", "Thomas", "Morten", "Jesper", "Anders", "Rasmus", "Kim", "Jan", "Per", "Bo",
    "Kristian", "Mikkel", "Jakob", "Frederik", "Martin", "Claus", "Torben", "Kasper", "Poul",
    "Erik", "Flemming", "Jørgen"};

constexpr Sv kLastNames[] = {
    "Andersen", "Petersen", "Nielsen", "Laursen", "Hansen", "Jensen", "Christensen", "Sørensen",
    "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Pedersen", "Larsen", "Schmidt", "Mikkelsen", "Bytoft", "Brandt",
    "Nicolajsen", "Helt Kevy", "Søgaard", "Bergkvist Søgaard", "Lervig Petersen", "Hovmann Nielsen",
    "Aagaard Laursen", "Rode-Møller Grauert", "Eskerod Ifversen", "Christiansen", "Frederiksen",
    "Henriksen", "Lund", "Holm", "Bech", "Dahl", "Kjær", "Skov", "Vestergaard", "Bak", "Friis",
    "Mølgaard", "Østergaard", "Damgaard", "Juhl", "Krogh", "Lauridsen", "Iversen", "Toft",
    "Bendtsen", "Kirkegaard", "Nørgaard", "Svendsen", "Koch", "Riis", "Brøndum", "Winther",
    "Gregersen", "Hedegaard", "Ebbesen"};

constexpr Sv kParties[] = {"A", "V", "F", "Ø", "C", "O", "I", "Æ", "B", "K", "D", "M"};
constexpr Sv kOrganisations[] = {"FOA", "BUPL", "DSR", "SL", "aftaleholder", "HK",
                                           "3F", "DLF"};

constexpr Sv kRoles[] = {
    "Formanden", "Borgmesteren", "Forvaltningen", "Kommunaldirektøren", "Velfærdsdirektøren",
    "Direktøren for Teknik og Miljø", "Direktionen", "Børne- og familiechefen",
    "Kultur- og udviklingsdirektøren", "Ældrechefen", "Planchefen", "Skolechefen",
    "Økonomichefen", "Socialchefen"};

constexpr Sv kLaws[] = {
    "Lov om social service", "Lov om Social Service", "Serviceloven", "Folkeskoleloven",
    "Dagtilbudsloven", "Planloven", "Lov om planlægning", "Kommunestyrelsesloven",
    "Lov om kommunernes styrelse", "Sundhedsloven", "Lov om aktiv beskæftigelsesindsats",
    "Vejloven", "Miljøbeskyttelsesloven", "Naturbeskyttelsesloven", "Byggeloven",
    "Folkeoplysningsloven", "Lov om almene boliger", "Udbudsloven", "Lov om trafikselskaber",
    "Lov om kommunal ejendomsskat", "Boligreguleringsloven", "Lov om ungdomsskoler"};

constexpr Sv kPlaces[] = {
    "Grenaa", "Auning", "Ørsted", "Allingåbro", "Glesborg", "Trustrup", "Vivild", "Ørum",
    "Bønnerup", "Gjerrild", "Vestervig", "Ryomgård", "Kolind", "Hammel", "Hadsten", "Hinnerup",
    "Rønde", "Ebeltoft", "Hornslet", "Kolind", "Stenvad", "Voer", "Fjellerup", "Anholt"};

constexpr Sv kStreets[] = {
    "Skolevej", "Stationsvej", "Kirkevej", "Møllevej", "Østergade", "Vestergade", "Torvet",
    "Havnevej", "Lillevang", "Engvej", "Bakkegårdsvej", "Åboulevarden", "Nørregade",
    "Rådhuspladsen", "Idrætsvej", "Vænget"};

constexpr Sv kVenues[] = {
    "Byrådssalen, Rådhuset", "Mødelokale 1, Rådhuset", "Mødelokale 2, Administrationsbygningen",
    "Kantinen, Rådhuset", "Virtuelt møde via Teams", "Udvalgsværelset", "Mødelokale 3, Rådhuset",
    "Borgerservice, mødelokale B"};

constexpr Sv kFunctionWords[] = {
    "og", "i", "at", "det", "der", "er", "en", "et", "til", "på", "af", "for", "med", "den",
    "de", "som", "har", "om", "fra", "kan", "skal", "vil", "blev", "være", "samt", "ved", "også",
    "ikke", "efter", "så", "eller", "men", "hvor", "hvis", "når", "under", "over", "mellem",
    "inden", "indenfor", "hele", "alle", "andre", "dette", "disse", "denne", "sin", "sit", "sine",
    "deres", "hvordan", "hvilke", "hvilket", "herunder", "bl.a.", "ift.", "mv.", "mere", "mest",
    "nu", "allerede", "fortsat", "gennem", "mod", "uden", "igennem", "både", "henholdsvis",
    "ligesom", "derudover", "endvidere", "desuden", "yderligere", "hermed", "dog", "kun",
    "meget", "flere", "nye", "ny", "nyt", "to", "tre", "første", "anden", "hver", "hvert",
    "vores", "sig", "man", "vi", "han", "hun", "havde", "var", "været", "bliver", "blive",
    "få", "får", "gives", "tages", "kunne", "skulle", "ville", "sammen", "heraf", "hvorefter",
    "idet", "da", "fordi", "således", "pr.", "kr.", "mio.", "mia.", "nr.", "stk.", "jf.", "ca.",
    "inkl.", "ekskl.", "evt.", "dvs.", "f.eks.", "p.t.", "pct.", "årligt", "hvor", "her",
    "dem", "sådan", "end", "enten", "frem", "videre", "ud", "op", "ned", "ind", "inde", "ude",
    "én", "ét", "eget", "egen", "samme", "øvrige", "nogle", "ingen", "mange", "alt"};

constexpr Sv kDomainWords[] = {
    "borgere", "borgerne", "kommunalbestyrelsen", "budget", "budgettet", "budgetrammen",
    "udvalget", "forvaltningen", "kommunen", "kommunens", "området", "indsatsen", "projektet",
    "sagen", "forslaget", "høring", "høringssvar", "høringssvarene", "lokalplan", "lokalplanen",
    "kommuneplan", "kommuneplanen", "kommuneplantillæg", "anlægsbevilling", "tillægsbevilling",
    "bevilling", "regnskab", "regnskabet", "budgetopfølgning", "budgetopfølgningen", "merforbrug",
    "mindreforbrug", "overførsel", "overførsler", "kassebeholdningen", "likviditeten", "takster",
    "taksterne", "tilskud", "tilskuddet", "ansøgning", "ansøgningen", "dagtilbud", "dagtilbuddene",
    "daginstitution", "daginstitutionerne", "skole", "skolen", "skolerne", "folkeskolen", "elever",
    "eleverne", "klasser", "undervisning", "undervisningen", "specialundervisning", "inklusion",
    "børn", "børnene", "unge", "familier", "forældre", "forældrene", "anbringelser", "plejebolig",
    "plejeboliger", "plejecenter", "plejecentret", "hjemmepleje", "hjemmeplejen", "ældre",
    "ældreområdet", "sundhed", "sundhedsområdet", "rehabilitering", "genoptræning", "træning",
    "handicap", "handicapområdet", "botilbud", "bostøtte", "psykiatri", "misbrug", "beskæftigelse",
    "ledige", "ledigheden", "jobcentret", "sygedagpenge", "kontanthjælp", "integration",
    "erhverv", "erhvervslivet", "virksomheder", "turisme", "bosætning", "planlægning",
    "byudvikling", "boliger", "boligområde", "boligområdet", "landzone", "landzonetilladelse",
    "byggetilladelse", "miljø", "miljøet", "natur", "naturen", "klima", "klimaplan",
    "klimaplanen", "spildevand", "vandløb", "kloakering", "affald", "genbrug", "veje", "vejen",
    "stier", "cykelsti", "trafik", "trafiksikkerhed", "kollektiv", "busdrift", "havn", "havnen",
    "kultur", "kulturhuset", "biblioteket", "bibliotekerne", "musikskolen", "idræt", "idrætshal",
    "hallen", "foreninger", "foreningerne", "frivillige", "fritid", "fritidstilbud",
    "folkeoplysning", "medarbejdere", "medarbejderne", "ledere", "ledelse", "ledelsen",
    "arbejdsmiljø", "arbejdsmiljøet", "sygefravær", "sygefraværet", "rekruttering",
    "fastholdelse", "kompetenceudvikling", "organisering", "organiseringen", "strategi",
    "strategien", "politik", "politikken", "handleplan", "handleplanen", "tidsplan", "tidsplanen",
    "evaluering", "evalueringen", "status", "orientering", "analyse", "analysen", "kvalitet",
    "kvaliteten", "kvalitetsrapport", "tilsyn", "tilsynet", "tilsynsrapport", "digitalisering",
    "velfærdsteknologi", "samarbejde", "samarbejdet", "dialog", "dialogen", "inddragelse",
    "udvikling", "udviklingen", "implementering", "implementeringen", "økonomi", "økonomien",
    "serviceniveau", "serviceniveauet", "ressourcer", "kapacitet", "kapaciteten", "renovering",
    "renoveringen", "vedligeholdelse", "anlæg", "anlægsprojekt", "udbud", "udbuddet", "kontrakt",
    "kontrakten", "entreprenør", "rådgiver", "projektering", "ejendom", "ejendommen", "bygning",
    "bygningen", "lokaler", "lokalerne", "grund", "grunden", "salg", "køb", "leje", "lejemål",
    "forsyning", "beredskab", "beredskabet", "redningsberedskab", "skolevej", "skoledistrikt",
    "pasningsgaranti", "ventetid", "ventetiden", "visitation", "visitationen", "bevillingen",
    "pårørende", "aftaleholdere", "styregruppe", "styregruppen", "forløbet", "tiltag"};

constexpr Sv kFremstilling[] = {
    "{KOMMUNE} har ambitiøse målsætninger for det sociale arbejde.",
    "Området prioriteres højt, og ambitionen er hele tiden at styrke og fremtidssikre den service, kommunen yder til borgerne.",
    "På kommunalbestyrelsesmødet den {DATO} blev det politisk besluttet at undersøge området nærmere.",
    "Med henblik på at sikre en tryg, involverende og ordentlig proces gennemføres undersøgelsen med fokus på gennemsigtighed, højt informationsniveau og med mulighed for dialog igennem hele forløbet.",
    "Formålet med udviklingsprocessen er at skabe et solidt fundament for, at {KOMMUNE} fortsat kan videreudvikle den service, der ydes til borgerne.",
    "Forvaltningen har udarbejdet et forslag til en revideret tidsplan for arbejdet med strategien.",
    "I samme forbindelse blev der truffet politisk beslutning om implementering af en række tiltag i forlængelse af anbefalingerne.",
    "Det blev samtidig besluttet, at der to gange årligt forelægges en status for {UDVALG}.",
    "Sagen blev behandlet i {UDVALG} den {DATO}, hvor udvalget ønskede en nærmere belysning af økonomien.",
    "Der er i alt modtaget {ANTAL} høringssvar, som er vedlagt som bilag.",
    "Forvaltningen vurderer, at projektet kan gennemføres inden for den eksisterende økonomiske ramme.",
    "Der har været afholdt et dialogmøde med borgere, foreninger og lokale aktører i {STED}.",
    "Lokalplanen udlægger området til boliger i form af åben-lav og tæt-lav bebyggelse.",
    "Ansøgningen er vurderet i forhold til kommunens retningslinjer for tilskud til foreninger.",
    "Antallet af borgere over 80 år forventes at stige med {PCT} frem mod {ÅR}.",
    "Skolen har i dag {ANTAL} elever fordelt på {ANTAL} klasser.",
    "Status er vedlagt som bilag.",
    "Arbejdet har tæt sammenhæng til det tidligere analyseforløb om handle- og omstillingsmuligheder på det specialiserede voksenområde.",
    "Derudover er implementeringen af den fælles strategi påbegyndt med et fælles temamøde i {UDVALG}.",
    "Af øvrige centrale fokusområder i første kvartal kan nævnes samarbejdet om udarbejdelsen af en ny ressourcefordelings- og takstmodel.",
    "Undersøgelsen har et udviklende, understøttende og fremadskuende perspektiv, men hviler naturligvis på et fundament af tidligere og igangværende initiativer.",
    "Der nedsættes en politisk styregruppe ledet af borgmesteren, som består af {UDVALG} samt formændene for de berørte fagudvalg.",
    "Den politiske styregruppe understøttes af en administrativ gruppe med deltagelse af bl.a. ledelsen af området og MED-repræsentanter.",
    "Kommissoriet forventes behandlet af {UDVALG} og Kommunalbestyrelsen på møder i {MÅNED}.",
    "Materialet fremsendes på mail til udvalget {UGEDAG}.",
    "Sagen forelægges til orientering, idet der ikke er tale om ændringer i serviceniveauet.",
    "Tilsynet blev gennemført som et uanmeldt tilsyn den {DATO}.",
    "Tilsynsrapporten viser, at kvaliteten generelt er god, og at der ikke er givet påbud.",
    "Der er udarbejdet et udkast til en ny politik, som har været i høring hos relevante parter.",
    "Ændringen betyder, at borgerne fremover kan søge om hjælp digitalt.",
    "Kommunen har modtaget en ansøgning fra en lokal idrætsforening i {STED} om et anlægstilskud på {BELØB}.",
    "Erfaringerne fra forsøgsperioden er overvejende positive, og forvaltningen anbefaler, at ordningen gøres permanent.",
    "Ifølge {LOV} {PAR} skal kommunalbestyrelsen mindst en gang årligt drøfte kvaliteten på området.",
    "Budgetopfølgningen pr. 31. marts viser et forventet merforbrug på {BELØB}.",
    "Merforbruget skyldes primært flere borgere med behov for hjemmepleje og et stigende antal anbringelser.",
    "Der forventes et mindreforbrug på anlæg på {BELØB}, som søges overført til næste år.",
    "Projektet gennemføres i samarbejde med Region Midtjylland og de øvrige kommuner i området.",
    "Forvaltningen vil løbende orientere udvalget om fremdriften i projektet.",
    "Der henvises i øvrigt til vedlagte notat.",
    "Vejen er i dårlig stand, og der er behov for en egentlig renovering af belægningen på strækningen ved {VEJ}.",
    "Renoveringen forventes at kunne igangsættes i {MÅNED} {ÅR} og afsluttes i løbet af efteråret.",
    "Udbuddet er gennemført som et offentligt udbud efter udbudsloven.",
    "Der er indkommet {ANTAL} tilbud, og det økonomisk mest fordelagtige tilbud er afgivet af en lokal entreprenør.",
    "Medarbejderne har været inddraget gennem MED-systemet, og der er enighed om den videre proces.",
    "Handicaprådet og Ældrerådet har afgivet høringssvar, som fremgår af bilag.",
    "Formålet er at give tid til introduktion af den nye chef og øvrige igangværende projekter på området.",
    "Sagen har været drøftet i dialogforum, hvor der var bred opbakning til forslaget.",
    "Det foreslås, at der afsættes midler til en projektstilling i en periode på to år.",
    "Den samlede udgift til projektet udgør {BELØB}, hvoraf {BELØB} finansieres af eksterne fonde.",
    "Der er tale om en videreførelse af den eksisterende ordning med enkelte justeringer.",
    "Kommunalbestyrelsen vedtog ved budgetforliget for {ÅR} at prioritere området.",
    "Der er i forbindelse med budgetforhandlingerne afsat {BELØB} årligt til indsatsen.",
    "Forslaget har været fremlagt i offentlig høring i perioden fra {DATO} til {DATO}.",
    "Skoledistriktet omfatter i dag ca. {ANTAL} børn i alderen 0-16 år.",
    "Ventetiden på en plads i dagtilbud er fortsat lav, og pasningsgarantien er overholdt.",
    "Det vurderes, at udgiften til en uvildig undersøgelse vil kunne gennemføres indenfor en ramme på {BELØB}.",
    "Som led i arbejdet med strategien blev der den {DATO} afholdt en temadag for den samlede ledelse.",
    "Input fra temadagen er efterfølgende blevet bearbejdet i ledergruppen og sammenfattet i et forslag.",
    "Planen skal give overblik over prioriterede udviklingstiltag og tidspunkt for iværksættelse, så det sikres, at målsætningerne omsættes i konkrete handlinger.",
    "Det er besluttet, at arbejdet med den langsigtede strategi på området udskydes til {ÅR}.",
    "Klimaplanen indeholder mål for reduktion af udledningen af drivhusgasser med {PCT} frem mod {ÅR}.",
    "Der er gennemført en trafiktælling på {VEJ}, som viser en gennemsnitlig hastighed over det tilladte.",
    "Kulturhuset i {STED} har i {ÅR} haft over {ANTAL} besøgende.",
    "Ejendommen er beliggende i landzone, og der kræves derfor en landzonetilladelse efter {LOV} {PAR}.",
    "Sagen genoptages, da der er fremkommet nye oplysninger.",
    "Forvaltningen har været i dialog med ansøger om alternative placeringer.",
    "Der er konstateret skimmelsvamp i dele af bygningen, og lokalerne er midlertidigt lukket.",
    "Beskæftigelsesindsatsen skal bidrage til, at flere ledige kommer i job eller uddannelse.",
    "Ledigheden i kommunen er faldet med {PCT} i forhold til samme periode sidste år.",
    "Forældrebestyrelsen har udtalt sig positivt om forslaget.",
    "Selve forløbet gennemføres af et eksternt konsulentfirma ud fra en overordnet tidsplan.",
    "Der er stor belastning af organisationen, og der tilkendegives stor anerkendelse til ledere og medarbejdere.",
    "Styregruppen er tiltænkt en aktiv rolle i forløbet og skal være tæt på og direkte involveret sammen med kommunaldirektøren.",
    "Konstitueret socialchef {NAVN} giver en kort status på udviklingsprocessen.",
    "Det skal sikres, at borgere og pårørende oplever en sammenhængende indsats på tværs af forvaltningerne.",
    "Der er på baggrund af henvendelser fra borgerne foretaget en gennemgang af praksis på området.",
    "Gennemgangen viser, at sagsbehandlingstiderne er overholdt i {PCT} af sagerne.",
    "Det anbefales, at der fremadrettet arbejdes med faste mål for kvaliteten i indsatsen.",
    "Sagen blev senest behandlet i {UDVALG} den {DATO}.",
    "Kommunen har siden {ÅR} haft en aftale med regionen om driften af tilbuddet.",
    "Aftalen udløber den {DATO}, og der skal derfor tages stilling til en forlængelse.",
    "I forhold til budgettet for {ÅR} er der tale om en udvidelse af kapaciteten med {ANTAL} pladser.",
    "Bygningen blev opført i {ÅR} og trænger til en gennemgribende renovering af tag og facader.",
    "Forslaget indebærer, at ungdomsskolen og fritidsklubberne samles i en fælles organisation.",
    "Sammenlægningen forventes at give en mere sammenhængende indsats for børn og unge.",
    "Der afholdes borgermøde den {DATO} i {STED}, hvor forslaget præsenteres.",
    "Forvaltningen har modtaget en henvendelse fra grundejerforeningen vedrørende vedligeholdelsen af fællesarealerne.",
    "Kommunens andel af udgiften udgør {BELØB}, mens staten finansierer den resterende del.",
    "Puljen blev oprettet i forbindelse med budgetaftalen for {ÅR}.",
    "Det samlede sygefravær på området var i {ÅR} på {PCT}, hvilket er på niveau med landsgennemsnittet.",
    "Arbejdet med rekruttering og fastholdelse af medarbejdere fortsætter med uformindsket styrke.",
    "Der er fortsat udfordringer med at rekruttere uddannede medarbejdere til ældreområdet.",
    "Sagen er afgjort efter {LOV} {PAR}, og afgørelsen kan påklages til Ankestyrelsen.",
    "Ankestyrelsen har i {ANTAL} sager ændret eller hjemvist kommunens afgørelse.",
    "Det er forvaltningens vurdering, at forslaget vil styrke bosætningen i landdistrikterne."};

constexpr Sv kListItems[] = {
    "samarbejdet med eksterne parter om udarbejdelsen af ny ressourcefordelings- og takstmodel",
    "kompetenceudvikling og organisering af arbejdet med arbejdstidsplanlægning",
    "etablering af ny organisering omkring dokumentation med fokus på, at der laves den relevante faglige dokumentation",
    "opstart på forløb med ledelsessupervision, som samtidig understøtter ledelsesnetværket mellem aftaleholdere og afdelingsledere",
    "{DATO}: Administrativ og politisk styregruppe orienteres",
    "{DATO}: Frist for indsendelse af eventuelle høringssvar",
    "{DATO}: {UDVALG} behandler sagen",
    "udarbejdelse af en fælles handleplan for området",
    "evaluering af den eksisterende indsats og de hidtidige erfaringer",
    "inddragelse af borgere og pårørende i den videre proces",
    "fastlæggelse af mål og succeskriterier for indsatsen",
    "afklaring af de økonomiske rammer for {ÅR}",
    "dialog med de faglige organisationer og MED-systemet",
    "gennemgang af kapaciteten på dagtilbudsområdet",
    "renovering af tag og facader på skolen i {STED}",
    "etablering af en ny cykelsti langs {VEJ}",
    "forlængelse af aftalen med regionen om driften af tilbuddet",
    "justering af serviceniveauet i hjemmeplejen"};

constexpr Sv kSubheadings[] = {
    "Baggrund:", "Processen omkring afrapportering", "Status på arbejdet", "Høring",
    "Den videre proces", "Tidsplan", "Forvaltningens vurdering", "Økonomi og finansiering",
    "Borgerinddragelse", "Sagens forløb"};

constexpr Sv kOekonomi[] = {
    "Det vurderes, at udgiften vil kunne holdes indenfor en ramme på {BELØB}.",
    "Udgiften vil kunne finansieres af den tværgående pulje, der er afsat under {UDVALGS} område.",
    "Punktet har ingen økonomiske konsekvenser.",
    "I forbindelse med aftalen om Budget {ÅR} er der afsat {BELØB} på {UDVALGS} område til formålet.",
    "Alle midler er udmøntet i {ÅR} og overslagsårene.",
    "Der søges en tillægsbevilling på {BELØB}, som finansieres af kassebeholdningen.",
    "Anlægsudgiften udgør {BELØB} inkl. moms, og der søges om frigivelse af rådighedsbeløbet.",
    "Merudgiften på {BELØB} årligt indarbejdes i budgetforslaget for {ÅR}.",
    "Sagen har ingen konsekvenser for kommunens likviditet.",
    "Den forventede besparelse udgør {BELØB} i {ÅR} stigende til {BELØB} fra {ÅR}.",
    "Tilskuddet udgør {PCT} af de samlede projektudgifter.",
    "Udgiften afholdes inden for udvalgets eksisterende budgetramme.",
    "Der er ikke afsat midler til formålet i budgettet for {ÅR}.",
    "Forslaget er udgiftsneutralt for kommunen.",
    "Den årlige driftsudgift forventes at udgøre {BELØB}.",
    "Taksterne for {ÅR} er beregnet på grundlag af de forventede udgifter og en forventet belægning på {PCT}."};

constexpr Sv kLovgrundlag[] = {
    "{LOV} {PAR}.", "Ikke relevant.", "{LOV}.", "Lov om kommunernes styrelse {PAR}.",
    "{LOV} {PAR} og {PAR}.", "{LOV} {PAR}.", "{LOV}.", "Kommunalfuldmagten.",
    "{LOV} {PAR} samt bekendtgørelse om {PAR2}.", "{LOV} {PAR}."};

constexpr Sv kSammenhaeng[] = {
    "Der er sammenhæng til Organisations- og ledelseskodekset Vores {BY} og til {KOMMUNES} MED-aftale.",
    "Udviklingsprocessen har sammenhæng til Organisations- og ledelseskodekset Vores {BY}, Det sammenhængende ledelsessystem, Principper for afbureaukratisering, MED-aftalen, samt Personalepolitikken.",
    "Sagen har sammenhæng til kommunens sundhedspolitik og ældrepolitik.",
    "Sagen understøtter kommunens vision og udviklingsstrategi.",
    "Der er sammenhæng til klimaplanen og kommuneplanen.",
    "Sagen har sammenhæng til børne- og ungepolitikken.",
    "Forslaget understøtter målene i kommunens erhvervs- og turismestrategi.",
    "Der er sammenhæng til handicappolitikken og den socialpolitiske tilgang.",
    "Sagen har sammenhæng til kultur- og fritidspolitikken.",
    "Ingen."};

constexpr Sv kResume[] = {
    "Sagen handler om en ændring af den eksisterende ordning.",
    "Forvaltningen fremlægger forslag til den videre proces.",
    "Udvalget orienteres om status på projektet.",
    "Der skal tages stilling til ansøgningen om tilskud.",
    "Sagen forelægges med henblik på godkendelse af rammerne for arbejdet.",
    "Forslaget har været i høring, og høringssvarene forelægges.",
    "Der gives en orientering om de seneste tal for området.",
    "Sagen omhandler udmøntning af midler fra budgetaftalen for {ÅR}."};

constexpr Sv kIndstillingObjects[] = {
    "forslaget til fælles langsigtet strategi på området", "orienteringen om udviklingsprocessen",
    "den reviderede tids- og handleplan for arbejdet", "status på arbejdet med strategien",
    "kommissoriet for den uvildige undersøgelse", "lokalplan nr. {ANTAL} for et boligområde ved {VEJ} i {STED}",
    "forslag til kommuneplantillæg nr. {ANTAL}", "budgetopfølgningen pr. 31. marts",
    "høringssvaret til regionen", "ansøgningen om tilskud fra foreningen",
    "taksterne for {ÅR}", "principperne for den fremtidige organisering",
    "udkast til ny politik for området", "regnskabet for {ÅR}", "tilsynsrapporten",
    "evalueringen af forsøgsordningen", "den foreslåede proces", "mødeplanen for {ÅR}",
    "kvalitetsrapporten for skoleåret", "samarbejdsaftalen med regionen",
    "retningslinjerne for tildeling af tilskud", "projektforslaget for renoveringen",
    "frigivelse af rådighedsbeløbet på {BELØB}", "en tillægsbevilling på {BELØB} til formålet"};

constexpr Sv kRemarks[] = {
    "{MEDLEM} bemærker, at der bør være en ambition om at uddanne de ufaglærte indenfor de relevante fagområder.",
    "{MEDLEM} bemærker, at sagen bør følges tæt i det kommende år.",
    "Udvalget ønsker en status på området inden udgangen af {ÅR}.",
    "Forvaltningen udarbejder et notat om de økonomiske forhold til næste møde.",
    "{MEDLEM} ønsker det ført til protokol, at kommunikationen med borgerne skal styrkes.",
    "Udvalget lægger vægt på, at borgere og pårørende inddrages i den videre proces.",
    "{MEDLEM} deltog ikke i behandlingen af punktet.",
    "{MEDLEM} erklærede sig inhabil og forlod mødet under behandlingen af punktet.",
    "Med den bemærkning, at der skal udarbejdes en beskrivelse af, hvordan strategien omsættes til handling.",
    "Udvalget foreslog, at der afholdes en temadag om, hvordan strategien bliver levende i dagligdagen."};

constexpr Sv kNarrative[] = {
    "Konstitueret socialchef {NAVN} gav en status på udviklingsprocessen.",
    "Der er et stort fokus på, at processen er tryg, involverende og ordentlig.",
    "{UDVALG} havde en konstruktiv dialog om forventninger til, hvordan processen kan være fundament for fortsat udvikling af den service, der ydes til borgerne.",
    "Formanden redegjorde for processens tilrettelæggelse, hvorefter {NAVN} præsenterede undersøgelsens hovedfund.",
    "Der var i udvalget opbakning til forslagene og til den videre proces.",
    "Formanden kvitterede positivt for den konstruktive tilgang og imødeser det fortsatte arbejde med den fælles implementering.",
    "Der var en god dialog om arbejdsmiljøet og sygefraværet på området.",
    "Medarbejderrepræsentanterne fremhævede behovet for tid til implementering.",
    "Ledelsen orienterede om status på rekrutteringen af nye medarbejdere."};

constexpr Sv kTitles[] = {
    "Politisk initiativ",
    "Status på udviklingsprocessen på Socialområdet pr. {MÅNED} {ÅR}",
    "Afrapportering for udviklingsprocessen på Socialområdet",
    "Status på velfærdsområdet, herunder udviklingsproces på socialområdet",
    "Fælles langsigtet strategi på området",
    "Budgetopfølgning pr. 31. marts {ÅR}",
    "Budget {ÅR} - 1. behandling",
    "Budget {ÅR} - 2. behandling",
    "Regnskab {ÅR} - overførsler til {ÅR2}",
    "Lokalplan nr. {ANTAL} for boligområde ved {VEJ}, {STED}",
    "Forslag til kommuneplantillæg nr. {ANTAL} for {STED}",
    "Anlægsbevilling til renovering af skolen i {STED}",
    "Ansøgning om tilskud til renovering af klubhus i {STED}",
    "Høring over forslag til ny politik for området",
    "Takster for {ÅR}",
    "Tilsynsrapport for plejecentret i {STED}",
    "Kvalitetsrapport for folkeskolen {ÅR}",
    "Mødeplan for {ÅR}",
    "Evaluering af forsøgsordning med åbne dagtilbud",
    "Orientering om status på beskæftigelsesindsatsen",
    "Frigivelse af rådighedsbeløb til cykelsti langs {VEJ}",
    "Salg af ejendom ved {VEJ} i {STED}",
    "Udbud af hjemmepleje",
    "Klimaplan - status {ÅR}",
    "Trafiksikkerhedsplan {ÅR}-{ÅR2}",
    "Sygefravær på området - opfølgning",
    "Kapacitet på dagtilbudsområdet i {STED}",
    "Forlængelse af samarbejdsaftale med regionen",
    "Tillægsbevilling til {OMRÅDE}",
    "Udmøntning af pulje til {OMRÅDE}",
    "Status på {OMRÅDE}",
    "Orientering om {OMRÅDE}",
    "Strategi for {OMRÅDE} {ÅR}-{ÅR2}",
    "Handleplan for {OMRÅDE}",
    "Retningslinjer for {OMRÅDE}",
    "Evaluering af {OMRÅDE}",
    "Godkendelse af kommissorium for {OMRÅDE}",
    "Ansøgning om dispensation fra lokalplan nr. {ANTAL}",
    "Landzonetilladelse til opførelse af enfamiliehus ved {STED}",
    "Valg af repræsentant til bestyrelsen for {OMRÅDE}",
    "Ændring af skoledistrikter i {STED}",
    "Helhedsplan for {STED} midtby",
    "Temadrøftelse om {OMRÅDE}",
    "Ungdomsskolens virksomhedsplan {ÅR}",
    "Serviceniveau for vintertjeneste {ÅR}-{ÅR2}",
    "Arbejdsmiljø og trivsel på {OMRÅDE}",
    "Spildevandsplan {ÅR}-{ÅR2}",
    "Kulturpulje - ansøgninger {ÅR}"};

constexpr Sv kAttachmentTitles[] = {
    "Kommissorium", "Status på udviklingsproces", "Tids- og handleplan", "Høringssvar",
    "Forslag til strategi", "Notat om økonomi", "Tilsynsrapport", "Lokalplanforslag",
    "Ansøgning", "Oversigtskort"};

constexpr FormalItem kOpening[] = {
    {"Godkendelse af dagsorden", "", "Godkendt.", kGodkendt},
    {"Godkendelse af dagsorden", "", "Dagsordenen blev godkendt.", kGodkendt},
    {"Meddelelser fra formanden", "Formanden orienterer om aktuelle sager.", "Til orientering.",
     kTagetTilEfterretning},
};

constexpr FormalItem kClosing[] = {
    {"Eventuelt", "", "Ingen bemærkninger.", kTagetTilEfterretning},
    {"Meddelelser", "Forvaltningen orienterer om aktuelle sager.", "Taget til efterretning.",
     kTagetTilEfterretning},
    {"Orientering fra formanden og direktøren", "", "Til orientering.", kTagetTilEfterretning},
    {"Gensidig orientering", "", "Drøftet.", kDroeftet},
};

constexpr Sv kOutcomeKindNames[] = {"ukendt",   "godkendt", "tiltrådt",
                                              "anbefalet", "taget_til_efterretning",
                                              "drøftet",  "udsat",    "oversendt", "forkastet"};

// Weights in parts per thousand of decisions; a committee with the last word never
// "anbefaler", a committee forwarding the item mostly does.
constexpr OutcomePhrase kOutcomePhrases[] = {
    {"Godkendt.", kGodkendt, 395, 40, "Godkendt"},
    {"Tiltrådt.", kTiltraadt, 85, 200, "Tiltrådt"},
    {"Taget til efterretning.", kTagetTilEfterretning, 150, 30, "Taget til efterretning"},
    {"Anbefales.", kAnbefalet, 0, 330, "Anbefales"},
    {"Indstillingen anbefales.", kAnbefalet, 0, 120, "Anbefales"},
    {"Indstillingen godkendt.", kGodkendt, 50, 10, "Godkendt"},
    {"Ikke godkendt.", kForkastet, 10, 5, "Ikke godkendt"},
    {"Udsat.", kUdsat, 20, 15, "Udsat"},
    {"Oversendt til Kommunalbestyrelsen.", kOversendt, 0, 100, "Oversendt til Kommunalbestyrelsen"},
    {"Drøftet.", kDroeftet, 75, 20, "Drøftet"},
    {"Til orientering.", kTagetTilEfterretning, 45, 10, "Til orientering"},
    {"Ingen bemærkninger.", kTagetTilEfterretning, 20, 5, "Ingen bemærkninger"},
    {"Vedtaget.", kGodkendt, 25, 0, "Vedtaget"},
    {"Bevilget.", kGodkendt, 25, 5, "Bevilget"},
    {"Forkastet.", kForkastet, 5, 0, "Forkastet"},
    {"Orienteringen taget til efterretning.", kTagetTilEfterretning, 35, 10, "Taget til efterretning"},
    {"Udsat til næste møde.", kUdsat, 10, 5, "Udsat"},
    {"Anbefales godkendt.", kAnbefalet, 0, 95, "Anbefales"},
};

}  // namespace

std::span<const CommitteeInfo> committees() { return kCommittees; }
std::span<const std::string_view> municipalities() { return kMunicipalities; }
std::span<const std::string_view> first_names() { return kFirstNames; }
std::span<const std::string_view> last_names() { return kLastNames; }
std::span<const std::string_view> parties() { return kParties; }
std::span<const std::string_view> organisations() { return kOrganisations; }
std::span<const std::string_view> roles() { return kRoles; }
std::span<const std::string_view> laws() { return kLaws; }
std::span<const std::string_view> places() { return kPlaces; }
std::span<const std::string_view> streets() { return kStreets; }
std::span<const std::string_view> venues() { return kVenues; }
std::span<const std::string_view> function_words() { return kFunctionWords; }
std::span<const std::string_view> domain_words() { return kDomainWords; }
std::span<const std::string_view> fremstilling_sentences() { return kFremstilling; }
std::span<const std::string_view> list_items() { return kListItems; }
std::span<const std::string_view> subheadings() { return kSubheadings; }
std::span<const std::string_view> oekonomi_sentences() { return kOekonomi; }
std::span<const std::string_view> lovgrundlag_lines() { return kLovgrundlag; }
std::span<const std::string_view> sammenhaeng_sentences() { return kSammenhaeng; }
std::span<const std::string_view> resume_sentences() { return kResume; }
std::span<const std::string_view> indstilling_objects() { return kIndstillingObjects; }
std::span<const std::string_view> remark_sentences() { return kRemarks; }
std::span<const std::string_view> narrative_sentences() { return kNarrative; }
std::span<const std::string_view> titles() { return kTitles; }
std::span<const std::string_view> attachment_titles() { return kAttachmentTitles; }
std::span<const FormalItem> opening_items() { return kOpening; }
std::span<const FormalItem> closing_items() { return kClosing; }
std::span<const OutcomePhrase> outcome_phrases() { return kOutcomePhrases; }

std::string_view outcome_kind_name(int kind) { return kOutcomeKindNames[kind]; }

std::string_view indstilling_verb(OutcomeKind kind) {
  switch (kind) {
    case kTagetTilEfterretning: return "tages til efterretning";
    case kDroeftet: return "drøftes";
    case kAnbefalet:
    case kOversendt: return "anbefales over for Kommunalbestyrelsen";
    default: return "godkendes";
  }
}

namespace {
constexpr SeedWord kSeedWords[] = {
#include "seed_words.inc"
};
}  // namespace

std::span<const SeedWord> seed_words() { return kSeedWords; }

}  // namespace gen
