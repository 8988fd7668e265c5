"""Capital cities that speak for their country's government: "Moscow
said", "Washington warned", "Beijing has denied ...". Each capital with its
country's English name, as the newsroom's agency records spell it.

Cities that are also countries or common first names elsewhere are left
out ("Singapore", "Luxembourg", "Santiago").
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

EUROPEAN_UNION = "European Union"
CAPITALS = {
    "Kabul": "Afghanistan",
    "Tirana": "Albania",
    "Algiers": "Algeria",
    "Luanda": "Angola",
    "Buenos Aires": "Argentina",
    "Yerevan": "Armenia",
    "Canberra": "Australia",
    "Vienna": "Austria",
    "Baku": "Azerbaijan",
    "Manama": "Bahrain",
    "Dhaka": "Bangladesh",
    "Minsk": "Belarus",
    # The European Union's institutions sit there: "Brussels warned".
    "Brussels": "European Union",
    "La Paz": "Bolivia",
    "Sarajevo": "Bosnia and Herzegovina",
    "Gaborone": "Botswana",
    "Brasilia": "Brazil",
    "Brasília": "Brazil",
    "Sofia": "Bulgaria",
    "Ouagadougou": "Burkina Faso",
    "Phnom Penh": "Cambodia",
    "Yaounde": "Cameroon",
    "Ottawa": "Canada",
    "N'Djamena": "Chad",
    "Beijing": "China",
    "Bogota": "Colombia",
    "Bogotá": "Colombia",
    "Kinshasa": "Democratic Republic of the Congo",
    "Brazzaville": "Congo",
    "Zagreb": "Croatia",
    "Havana": "Cuba",
    "Nicosia": "Cyprus",
    "Prague": "Czechia",
    "Copenhagen": "Denmark",
    "Santo Domingo": "Dominican Republic",
    "Quito": "Ecuador",
    "Cairo": "Egypt",
    "San Salvador": "El Salvador",
    "Asmara": "Eritrea",
    "Tallinn": "Estonia",
    "Addis Ababa": "Ethiopia",
    "Helsinki": "Finland",
    "Paris": "France",
    "Libreville": "Gabon",
    "Banjul": "Gambia",
    "Tbilisi": "Georgia",
    "Berlin": "Germany",
    "Accra": "Ghana",
    "Athens": "Greece",
    "Guatemala City": "Guatemala",
    "Conakry": "Guinea",
    "Port-au-Prince": "Haiti",
    "Tegucigalpa": "Honduras",
    "Budapest": "Hungary",
    "Reykjavik": "Iceland",
    "New Delhi": "India",
    "Jakarta": "Indonesia",
    "Tehran": "Iran",
    "Baghdad": "Iraq",
    "Dublin": "Ireland",
    "Jerusalem": "Israel",
    "Rome": "Italy",
    "Abidjan": "Côte d'Ivoire",
    "Yamoussoukro": "Côte d'Ivoire",
    "Tokyo": "Japan",
    "Amman": "Jordan",
    "Astana": "Kazakhstan",
    "Nairobi": "Kenya",
    "Kuwait City": "Kuwait",
    "Bishkek": "Kyrgyzstan",
    "Vientiane": "Laos",
    "Riga": "Latvia",
    "Beirut": "Lebanon",
    "Monrovia": "Liberia",
    "Vilnius": "Lithuania",
    "Antananarivo": "Madagascar",
    "Lilongwe": "Malawi",
    "Kuala Lumpur": "Malaysia",
    "Bamako": "Mali",
    "Valletta": "Malta",
    "Nouakchott": "Mauritania",
    "Mexico City": "Mexico",
    "Chisinau": "Moldova",
    "Ulaanbaatar": "Mongolia",
    "Podgorica": "Montenegro",
    "Rabat": "Morocco",
    "Maputo": "Mozambique",
    "Naypyidaw": "Myanmar",
    "Windhoek": "Namibia",
    "Kathmandu": "Nepal",
    "Amsterdam": "Netherlands",
    "The Hague": "Netherlands",
    "Wellington": "New Zealand",
    "Managua": "Nicaragua",
    "Niamey": "Niger",
    "Abuja": "Nigeria",
    "Pyongyang": "North Korea",
    "Skopje": "North Macedonia",
    "Oslo": "Norway",
    "Muscat": "Oman",
    "Islamabad": "Pakistan",
    "Panama City": "Panama",
    "Asuncion": "Paraguay",
    "Asunción": "Paraguay",
    "Lima": "Peru",
    "Manila": "Philippines",
    "Warsaw": "Poland",
    "Lisbon": "Portugal",
    "Doha": "Qatar",
    "Bucharest": "Romania",
    "Moscow": "Russia",
    "Kigali": "Rwanda",
    "Riyadh": "Saudi Arabia",
    "Dakar": "Senegal",
    "Belgrade": "Serbia",
    "Freetown": "Sierra Leone",
    "Bratislava": "Slovakia",
    "Ljubljana": "Slovenia",
    "Mogadishu": "Somalia",
    "Pretoria": "South Africa",
    "Seoul": "South Korea",
    "Juba": "South Sudan",
    "Madrid": "Spain",
    "Colombo": "Sri Lanka",
    "Khartoum": "Sudan",
    "Stockholm": "Sweden",
    "Bern": "Switzerland",
    "Damascus": "Syria",
    "Taipei": "Taiwan",
    "Dushanbe": "Tajikistan",
    "Dodoma": "Tanzania",
    "Bangkok": "Thailand",
    "Lome": "Togo",
    "Tunis": "Tunisia",
    "Ankara": "Türkiye",
    "Ashgabat": "Turkmenistan",
    "Kampala": "Uganda",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Abu Dhabi": "United Arab Emirates",
    "London": "United Kingdom",
    "Washington": "United States of America",
    "Montevideo": "Uruguay",
    "Tashkent": "Uzbekistan",
    "Caracas": "Venezuela",
    "Hanoi": "Vietnam",
    "Sanaa": "Yemen",
    "Lusaka": "Zambia",
    "Harare": "Zimbabwe",
}


def capital_country(head: Token) -> str:
    """The country whose capital a speaker's phrase is ("Moscow", "Buenos
    Aires", "The Hague"), or ""."""
    if head.pos_ != "PROPN":
        return ""
    words = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    name = " ".join(t.text for t in (*words, head))
    if name not in CAPITALS and any(c.lower_ == "the" for c in head.lefts):
        name = "The " + name
    return _country_of(name)


def is_capital(name: str) -> bool:
    """Whether ``name`` is a capital city, with its accents or without."""
    return bool(_country_of(name))


def _country_of(capital: str) -> str:
    """The country of a capital ("Yaoundé"), as the table spells it or
    without its accents; "" for none."""
    return CAPITALS.get(capital) or CAPITALS.get(_unaccented(capital), "")


def _unaccented(name: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    )
