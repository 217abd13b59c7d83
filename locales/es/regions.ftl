# Los mensajes son HTML (parse_mode HTML): el código escapa las variables.

## Regiones
region-europe = Europa
region-asia = Asia
region-north-america = Norteamérica
region-latin-america = Latinoamérica
region-caribbean = Caribe
region-middle-east = Oriente Medio
region-africa = África
region-oceania = Oceanía
region-balkans = Balcanes
region-global = Todo el mundo
