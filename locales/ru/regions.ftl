# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Регионы
region-europe = Европа
region-asia = Азия
region-north-america = Северная Америка
region-latin-america = Латинская Америка
region-caribbean = Карибы
region-middle-east = Ближний Восток
region-africa = Африка
region-oceania = Океания
region-balkans = Балканы
region-global = Весь мир
