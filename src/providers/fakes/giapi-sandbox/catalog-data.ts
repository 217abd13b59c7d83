/**
 * The sandbox provider's catalog data: mobile operators per country and the
 * busiest destinations. Plans are derived from this in ./catalog.ts (with the
 * domain's region coverage and device list), so every start serves the same
 * catalog.
 */
import type { RegionId } from "../../../domain/destinations/index.ts";

/**
 * How expensive data is in a country, 1 (cheap, most of Europe and Southeast
 * Asia) to 4 (remote islands, much of Central Africa): sets the price of
 * every plan there.
 */
export type PriceTier = 1 | 2 | 3 | 4;

/** The best radio technology the partner operators offer. */
export type NetworkGeneration = "4G/5G" | "4G";

/** One country where the sandbox sells eSIMs. */
export interface CountryNetworkData {
  /** ISO 3166-1 alpha-2. */
  code: string;
  tier: PriceTier;
  network: NetworkGeneration;
  /** Partner operators, the main one first. */
  operators: readonly string[];
}

type Row = readonly [code: string, tier: PriceTier, network: NetworkGeneration, operators: readonly string[]];

const G5 = "4G/5G";
const G4 = "4G";

// Sanctioned and unserved places (KP, IR, SY, CU, SD, SS, ER, YE, EH, Antarctica and
// uninhabited territories) are deliberately absent, as at real resellers.
const ROWS: readonly Row[] = [
  // Europe
  ["AD", 2, G5, ["Andorra Telecom"]],
  ["AL", 1, G5, ["Vodafone Albania", "One Albania"]],
  ["AT", 1, G5, ["A1", "Magenta Telekom", "Drei"]],
  ["AX", 2, G4, ["Ålcom", "Elisa"]],
  ["BA", 1, G4, ["BH Telecom", "m:tel", "HT Eronet"]],
  ["BE", 1, G5, ["Proximus", "Orange Belgium", "BASE"]],
  ["BG", 1, G5, ["A1 Bulgaria", "Yettel Bulgaria", "Vivacom"]],
  ["BY", 2, G4, ["A1 Belarus", "MTS Belarus", "life:)"]],
  ["CH", 2, G5, ["Swisscom", "Sunrise", "Salt"]],
  ["CY", 1, G5, ["Cyta", "Epic", "PrimeTel"]],
  ["CZ", 1, G5, ["O2 Czech Republic", "T-Mobile Czech Republic", "Vodafone Czech Republic"]],
  ["DE", 1, G5, ["Telekom", "Vodafone", "O2 Germany"]],
  ["DK", 1, G5, ["TDC", "Telia Denmark", "3 Denmark"]],
  ["EE", 1, G5, ["Telia Estonia", "Elisa Estonia", "Tele2 Estonia"]],
  ["ES", 1, G5, ["Movistar", "Vodafone Spain", "Orange Spain"]],
  ["FI", 1, G5, ["Elisa", "DNA", "Telia Finland"]],
  ["FO", 3, G4, ["Føroya Tele", "Nova"]],
  ["FR", 1, G5, ["Orange France", "SFR", "Bouygues Telecom"]],
  ["GB", 1, G5, ["EE", "Vodafone UK", "O2 UK"]],
  ["GG", 2, G4, ["Sure Guernsey", "JT Guernsey"]],
  ["GI", 2, G4, ["Gibtelecom"]],
  ["GR", 1, G5, ["Cosmote", "Vodafone Greece", "Nova Greece"]],
  ["HR", 1, G5, ["Hrvatski Telekom", "A1 Hrvatska", "Telemach Hrvatska"]],
  ["HU", 1, G5, ["Magyar Telekom", "Yettel Hungary", "One Hungary"]],
  ["IE", 1, G5, ["Vodafone Ireland", "Three Ireland", "Eir"]],
  ["IM", 2, G4, ["Manx Telecom", "Sure Isle of Man"]],
  ["IS", 2, G5, ["Síminn", "Vodafone Iceland", "Nova Iceland"]],
  ["IT", 1, G5, ["TIM", "Vodafone Italia", "WindTre"]],
  ["JE", 2, G4, ["JT Jersey", "Sure Jersey"]],
  ["LI", 2, G5, ["Telecom Liechtenstein", "Salt Liechtenstein"]],
  ["LT", 1, G5, ["Telia Lithuania", "Bitė", "Tele2 Lithuania"]],
  ["LU", 1, G5, ["POST Luxembourg", "Tango", "Orange Luxembourg"]],
  ["LV", 1, G5, ["LMT", "Tele2 Latvia", "Bite Latvia"]],
  ["MC", 2, G5, ["Monaco Telecom"]],
  ["MD", 1, G4, ["Orange Moldova", "Moldcell"]],
  ["ME", 1, G4, ["One Montenegro", "Crnogorski Telekom", "m:tel Montenegro"]],
  ["MK", 1, G5, ["Makedonski Telekom", "A1 Macedonia"]],
  ["MT", 1, G5, ["GO", "Epic Malta", "Melita"]],
  ["NL", 1, G5, ["KPN", "Vodafone Netherlands", "Odido"]],
  ["NO", 2, G5, ["Telenor Norway", "Telia Norway", "Ice"]],
  ["PL", 1, G5, ["Orange Polska", "Play", "Plus"]],
  ["PT", 1, G5, ["MEO", "NOS", "Vodafone Portugal"]],
  ["RO", 1, G5, ["Orange Romania", "Vodafone Romania", "DIGI"]],
  ["RS", 1, G4, ["mts", "Yettel Serbia", "A1 Srbija"]],
  ["RU", 2, G4, ["MTS", "MegaFon", "Beeline"]],
  ["SE", 1, G5, ["Telia Sweden", "Tele2 Sweden", "Telenor Sweden"]],
  ["SI", 1, G5, ["Telekom Slovenije", "A1 Slovenija", "Telemach"]],
  ["SK", 1, G5, ["Orange Slovensko", "Slovak Telekom", "O2 Slovakia"]],
  ["SM", 2, G4, ["TIM San Marino"]],
  ["TR", 2, G4, ["Turkcell", "Vodafone Türkiye", "Türk Telekom"]],
  ["UA", 1, G4, ["Kyivstar", "Vodafone Ukraine", "lifecell"]],
  ["VA", 2, G4, ["TIM"]],
  ["XK", 1, G4, ["Vala", "IPKO"]],

  // Asia and the Caucasus
  ["AF", 4, G4, ["Roshan", "AWCC"]],
  ["AM", 2, G4, ["Team Telecom Armenia", "Ucom", "Viva Armenia"]],
  ["AZ", 2, G4, ["Azercell", "Bakcell", "Nar"]],
  ["BD", 2, G4, ["Grameenphone", "Robi", "Banglalink"]],
  ["BN", 3, G5, ["DST", "Progresif"]],
  ["BT", 4, G4, ["B-Mobile", "TashiCell"]],
  ["CN", 2, G5, ["China Mobile", "China Unicom", "China Telecom"]],
  ["GE", 1, G4, ["Magti", "Silknet", "Cellfie"]],
  ["HK", 2, G5, ["CSL", "SmarTone", "3 Hong Kong"]],
  ["ID", 1, G5, ["Telkomsel", "Indosat Ooredoo Hutchison", "XL Axiata"]],
  ["IN", 1, G5, ["Jio", "Airtel India", "Vi"]],
  ["JP", 3, G5, ["NTT Docomo", "SoftBank", "KDDI au"]],
  ["KG", 2, G4, ["Beeline Kyrgyzstan", "MegaCom", "O!"]],
  ["KH", 1, G4, ["Smart Axiata", "Cellcard", "Metfone"]],
  ["KR", 3, G5, ["SK Telecom", "KT", "LG U+"]],
  ["KZ", 2, G5, ["Beeline Kazakhstan", "Kcell", "Tele2 Kazakhstan"]],
  ["LA", 2, G4, ["Unitel Laos", "Lao Telecom"]],
  ["LK", 1, G4, ["Dialog", "SLT-Mobitel", "Hutch Sri Lanka"]],
  ["MM", 3, G4, ["MPT", "ATOM Myanmar"]],
  ["MN", 3, G4, ["Unitel Mongolia", "Mobicom"]],
  ["MO", 2, G5, ["CTM", "3 Macau"]],
  ["MV", 3, G5, ["Dhiraagu", "Ooredoo Maldives"]],
  ["MY", 1, G5, ["Maxis", "CelcomDigi", "U Mobile"]],
  ["NP", 2, G4, ["Nepal Telecom", "Ncell"]],
  ["PH", 2, G5, ["Smart", "Globe"]],
  ["PK", 2, G4, ["Jazz", "Zong", "Telenor Pakistan"]],
  ["SG", 1, G5, ["Singtel", "StarHub", "M1"]],
  ["TH", 1, G5, ["AIS", "TrueMove H", "dtac"]],
  ["TJ", 3, G4, ["Tcell", "MegaFon Tajikistan", "Babilon-M"]],
  ["TL", 4, G4, ["Telkomcel", "Timor Telecom"]],
  ["TM", 4, G4, ["TMCELL"]],
  ["TW", 2, G5, ["Chunghwa Telecom", "Taiwan Mobile", "FarEasTone"]],
  ["UZ", 2, G4, ["Ucell", "Beeline Uzbekistan", "Uzmobile"]],
  ["VN", 1, G5, ["Viettel", "Vinaphone", "MobiFone"]],

  // Middle East
  ["AE", 3, G5, ["Etisalat by e&", "du"]],
  ["BH", 3, G5, ["Batelco", "Zain Bahrain", "stc Bahrain"]],
  ["IL", 2, G5, ["Partner", "Cellcom Israel", "Pelephone"]],
  ["IQ", 3, G4, ["Zain Iraq", "Asiacell", "Korek"]],
  ["JO", 2, G5, ["Zain Jordan", "Orange Jordan", "Umniah"]],
  ["KW", 3, G5, ["Zain Kuwait", "Ooredoo Kuwait", "stc Kuwait"]],
  ["LB", 3, G4, ["Alfa", "touch"]],
  ["OM", 3, G5, ["Omantel", "Ooredoo Oman", "Vodafone Oman"]],
  ["PS", 3, G4, ["Jawwal", "Ooredoo Palestine"]],
  ["QA", 3, G5, ["Ooredoo Qatar", "Vodafone Qatar"]],
  ["SA", 2, G5, ["stc", "Mobily", "Zain KSA"]],

  // Africa
  ["AO", 4, G4, ["Unitel Angola", "Movicel"]],
  ["BF", 4, G4, ["Orange Burkina Faso", "Moov Africa Burkina"]],
  ["BI", 4, G4, ["Lumitel", "Econet Leo"]],
  ["BJ", 4, G4, ["MTN Benin", "Moov Africa Benin"]],
  ["BW", 3, G4, ["Mascom", "Orange Botswana", "BTC"]],
  ["CD", 4, G4, ["Vodacom Congo", "Orange RDC", "Airtel DRC"]],
  ["CF", 4, G4, ["Orange Centrafrique", "Telecel Centrafrique"]],
  ["CG", 4, G4, ["MTN Congo", "Airtel Congo"]],
  ["CI", 3, G4, ["Orange Côte d'Ivoire", "MTN Côte d'Ivoire", "Moov Africa Côte d'Ivoire"]],
  ["CM", 3, G4, ["MTN Cameroon", "Orange Cameroun"]],
  ["CV", 3, G4, ["CV Móvel", "Unitel T+"]],
  ["DJ", 4, G4, ["Djibouti Telecom"]],
  ["DZ", 3, G4, ["Mobilis", "Djezzy", "Ooredoo Algeria"]],
  ["EG", 2, G4, ["Vodafone Egypt", "Orange Egypt", "Etisalat Egypt"]],
  ["ET", 3, G4, ["Ethio Telecom", "Safaricom Ethiopia"]],
  ["GA", 4, G4, ["Airtel Gabon", "Moov Africa Gabon"]],
  ["GH", 2, G4, ["MTN Ghana", "Telecel Ghana", "AT Ghana"]],
  ["GM", 4, G4, ["Africell Gambia", "QCell"]],
  ["GN", 4, G4, ["Orange Guinée", "MTN Guinea"]],
  ["GQ", 4, G4, ["GETESA"]],
  ["GW", 4, G4, ["Orange Bissau"]],
  ["KE", 2, G5, ["Safaricom", "Airtel Kenya"]],
  ["KM", 4, G4, ["Comores Telecom", "Yas Comores"]],
  ["LR", 4, G4, ["Orange Liberia", "Lonestar Cell MTN"]],
  ["LS", 4, G4, ["Vodacom Lesotho", "Econet Telecom Lesotho"]],
  ["LY", 4, G4, ["Libyana", "Almadar"]],
  ["MA", 2, G4, ["Maroc Telecom", "Orange Maroc", "inwi"]],
  ["MG", 3, G4, ["Telma", "Orange Madagascar", "Airtel Madagascar"]],
  ["ML", 4, G4, ["Orange Mali", "Moov Africa Malitel"]],
  ["MR", 4, G4, ["Mauritel", "Mattel", "Chinguitel"]],
  ["MU", 3, G5, ["my.t mobile", "Emtel"]],
  ["MW", 3, G4, ["Airtel Malawi", "TNM"]],
  ["MZ", 3, G4, ["Vodacom Mozambique", "Movitel", "Tmcel"]],
  ["NA", 3, G4, ["MTC Namibia", "Paratus"]],
  ["NE", 4, G4, ["Airtel Niger", "Zamani Telecom"]],
  ["NG", 2, G5, ["MTN Nigeria", "Airtel Nigeria", "Glo"]],
  ["RE", 2, G4, ["Orange Réunion", "SFR Réunion"]],
  ["RW", 3, G4, ["MTN Rwanda", "Airtel Rwanda"]],
  ["SC", 3, G4, ["Cable & Wireless Seychelles", "Airtel Seychelles"]],
  ["SL", 4, G4, ["Orange Sierra Leone", "Africell Sierra Leone"]],
  ["SN", 3, G4, ["Orange Sénégal", "Free Senegal", "Expresso"]],
  ["SO", 4, G4, ["Hormuud", "Somtel"]],
  ["ST", 4, G4, ["CST"]],
  ["SZ", 4, G4, ["MTN Eswatini", "Eswatini Mobile"]],
  ["TD", 4, G4, ["Airtel Chad", "Moov Africa Tchad"]],
  ["TG", 4, G4, ["Togocel", "Moov Africa Togo"]],
  ["TN", 2, G4, ["Ooredoo Tunisia", "Orange Tunisie", "Tunisie Telecom"]],
  ["TZ", 3, G4, ["Vodacom Tanzania", "Airtel Tanzania", "Yas Tanzania"]],
  ["UG", 2, G4, ["MTN Uganda", "Airtel Uganda"]],
  ["YT", 3, G4, ["Orange Mayotte", "SFR Mayotte"]],
  ["ZA", 2, G5, ["Vodacom", "MTN South Africa", "Cell C"]],
  ["ZM", 3, G4, ["MTN Zambia", "Airtel Zambia", "Zamtel"]],
  ["ZW", 3, G4, ["Econet Wireless", "NetOne"]],

  // North America and the Atlantic
  ["BM", 3, G4, ["One Communications", "Digicel Bermuda"]],
  ["CA", 3, G5, ["Rogers", "Bell", "Telus"]],
  ["GL", 4, G4, ["Tusass"]],
  ["MX", 2, G5, ["Telcel", "AT&T Mexico", "Movistar Mexico"]],
  ["PM", 4, G4, ["SPM Telecom"]],
  ["US", 3, G5, ["AT&T", "T-Mobile", "Verizon"]],

  // Central and South America
  ["AR", 2, G5, ["Personal", "Claro Argentina", "Movistar Argentina"]],
  ["BO", 3, G4, ["Entel Bolivia", "Tigo Bolivia", "Viva Bolivia"]],
  ["BR", 2, G5, ["Vivo", "Claro Brasil", "TIM Brasil"]],
  ["BZ", 4, G4, ["DigiCell", "Smart Belize"]],
  ["CL", 2, G5, ["Entel Chile", "Movistar Chile", "WOM"]],
  ["CO", 2, G5, ["Claro Colombia", "Movistar Colombia", "Tigo Colombia"]],
  ["CR", 2, G4, ["Kölbi", "Claro Costa Rica", "Liberty Costa Rica"]],
  ["EC", 2, G4, ["Claro Ecuador", "Movistar Ecuador", "CNT"]],
  ["GF", 3, G4, ["Orange Caraïbe", "SFR Caraïbe"]],
  ["GT", 3, G4, ["Tigo Guatemala", "Claro Guatemala"]],
  ["GY", 4, G4, ["GTT", "Digicel Guyana"]],
  ["HN", 3, G4, ["Tigo Honduras", "Claro Honduras"]],
  ["NI", 3, G4, ["Claro Nicaragua", "Tigo Nicaragua"]],
  ["PA", 3, G4, ["+Móvil", "Tigo Panamá"]],
  ["PE", 2, G5, ["Claro Perú", "Movistar Perú", "Entel Perú"]],
  ["PY", 2, G4, ["Tigo Paraguay", "Personal Paraguay", "Claro Paraguay"]],
  ["SR", 4, G4, ["Telesur", "Digicel Suriname"]],
  ["SV", 3, G4, ["Claro El Salvador", "Tigo El Salvador"]],
  ["UY", 2, G5, ["Antel", "Movistar Uruguay", "Claro Uruguay"]],
  ["VE", 4, G4, ["Movistar Venezuela", "Digitel"]],

  // Caribbean
  ["AG", 3, G4, ["Digicel Antigua", "Flow Antigua"]],
  ["AI", 3, G4, ["Digicel Anguilla", "Flow Anguilla"]],
  ["AW", 3, G4, ["Digicel Aruba", "SETAR"]],
  ["BB", 3, G4, ["Digicel Barbados", "Flow Barbados"]],
  ["BL", 3, G4, ["Orange Caraïbe", "SFR Caraïbe"]],
  ["BQ", 3, G4, ["Digicel Bonaire", "Flow Bonaire"]],
  ["BS", 3, G4, ["BTC", "Aliv"]],
  ["CW", 3, G4, ["Digicel Curaçao", "Flow Curaçao"]],
  ["DM", 3, G4, ["Digicel Dominica", "Flow Dominica"]],
  ["DO", 2, G5, ["Claro Dominicana", "Altice Dominicana", "Viva Dominicana"]],
  ["GD", 3, G4, ["Digicel Grenada", "Flow Grenada"]],
  ["GP", 3, G4, ["Orange Caraïbe", "SFR Caraïbe", "Digicel Antilles Françaises"]],
  ["HT", 4, G4, ["Digicel Haiti", "Natcom"]],
  ["JM", 3, G4, ["Digicel Jamaica", "Flow Jamaica"]],
  ["KN", 3, G4, ["Digicel St Kitts", "Flow St Kitts"]],
  ["KY", 3, G4, ["Digicel Cayman", "Flow Cayman"]],
  ["LC", 3, G4, ["Digicel St Lucia", "Flow St Lucia"]],
  ["MF", 3, G4, ["Orange Caraïbe", "Digicel Antilles Françaises"]],
  ["MQ", 3, G4, ["Orange Caraïbe", "SFR Caraïbe", "Digicel Antilles Françaises"]],
  ["MS", 4, G4, ["Flow Montserrat", "Digicel Montserrat"]],
  ["PR", 3, G5, ["Claro Puerto Rico", "T-Mobile Puerto Rico", "Liberty Puerto Rico"]],
  ["SX", 3, G4, ["TelEm", "Digicel Sint Maarten"]],
  ["TC", 3, G4, ["Flow Turks and Caicos", "Digicel Turks and Caicos"]],
  ["TT", 3, G4, ["bmobile", "Digicel Trinidad"]],
  ["VC", 3, G4, ["Digicel St Vincent", "Flow St Vincent"]],
  ["VG", 3, G4, ["Flow BVI", "Digicel BVI", "CCT"]],
  ["VI", 3, G4, ["AT&T USVI", "Viya", "Liberty USVI"]],

  // Oceania
  ["AS", 4, G4, ["Bluesky", "ASTCA"]],
  ["AU", 2, G5, ["Telstra", "Optus", "Vodafone Australia"]],
  ["CK", 4, G4, ["Vodafone Cook Islands"]],
  ["FJ", 3, G4, ["Vodafone Fiji", "Digicel Fiji"]],
  ["FM", 4, G4, ["FSM Telecom"]],
  ["GU", 3, G5, ["Docomo Pacific", "GTA", "IT&E"]],
  ["KI", 4, G4, ["ATHKL"]],
  ["MH", 4, G4, ["NTA Marshall Islands"]],
  ["MP", 3, G4, ["Docomo Pacific", "IT&E"]],
  ["NC", 3, G4, ["OPT Mobilis"]],
  ["NR", 4, G4, ["Digicel Nauru"]],
  ["NZ", 2, G5, ["One NZ", "Spark", "2degrees"]],
  ["PF", 3, G4, ["Vini", "Vodafone Polynésie"]],
  ["PG", 4, G4, ["Digicel PNG", "Vodafone PNG"]],
  ["PW", 4, G4, ["PNCC"]],
  ["SB", 4, G4, ["Our Telekom", "bmobile Solomon"]],
  ["TO", 4, G4, ["Digicel Tonga", "U-Call"]],
  ["TV", 4, G4, ["Tuvalu Telecom"]],
  ["VU", 4, G4, ["Digicel Vanuatu", "Vodafone Vanuatu"]],
  ["WS", 4, G4, ["Digicel Samoa", "Vodafone Samoa"]],
];

/** Every country with its operators, in the order above (grouped by area). */
export const COUNTRY_NETWORKS: readonly CountryNetworkData[] = ROWS.map(([code, tier, network, operators]) => ({
  code,
  tier,
  network,
  operators,
}));

/**
 * The busiest travel destinations: sold with the widest range of plans,
 * up to 50 GB.
 */
export const MAJOR_DESTINATIONS: ReadonlySet<string> = new Set([
  "AE", "AU", "CA", "CH", "CN", "DE", "ES", "FR", "GB", "GR", "ID", "IN", "IT",
  "JP", "KR", "MX", "NL", "PT", "SG", "TH", "TR", "US", "VN",
]);

/** English region names in the sandbox's plan names ("Europe 20 GB / 30 days"). */
export const REGION_PLAN_LABELS: Readonly<Record<RegionId, string>> = {
  europe: "Europe",
  asia: "Asia",
  "north-america": "North America",
  "latin-america": "Latin America",
  caribbean: "Caribbean",
  "middle-east": "Middle East",
  africa: "Africa",
  oceania: "Oceania",
  balkans: "Balkans",
};
