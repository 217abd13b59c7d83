# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Regions (destination names)
region-europe = Europe
region-asia = Asia
region-north-america = North America
region-latin-america = Latin America
region-caribbean = Caribbean
region-middle-east = Middle East
region-africa = Africa
region-oceania = Oceania
region-balkans = Balkans
region-global = Worldwide
