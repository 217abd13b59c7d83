# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Покупка
buy-destination =
    🌍 <b>Куда вы едете?</b>

    Напишите страну — например, <i>Япония</i>, <i>JP</i> или 🇯🇵 — или выберите ниже.
buy-regions = 🗺 <b>Региональные и глобальные тарифы</b> работают во многих странах с одной eSIM. Выберите регион:
buy-regions-button = 🗺 Регионы и весь мир
buy-popular-button = ⭐ Популярные страны
buy-search-ambiguous = 🔎 Что вы имели в виду?
buy-search-none = 🤷 Не могу найти «{ $query }». Проверьте написание или напишите страну по-английски или кодом, например JP.
buy-search-suggestions = 🤷 Не могу найти «{ $query }». Может быть, одно из этих?
buy-search-not-sold = 😔 Для страны { $country } тарифов пока нет.
buy-search-not-sold-covering = 😔 Отдельных тарифов для страны { $country } нет, но её покрывают эти:
buy-data =
    { $flag } <b>{ $destination }</b>

    📶 Сколько нужно трафика?
buy-data-option = { $data } · от { $price }
buy-validity =
    { $flag } <b>{ $destination }</b> · { $data }

    📅 На какой срок?
buy-validity-option = { $days ->
        [one] { $days } день · { $price }
        [few] { $days } дня · { $price }
        [many] { $days } дней · { $price }
       *[other] { $days } дня · { $price }
    }
buy-summary =
    { $flag } <b>{ $plan }</b>

    📶 Трафик: <b>{ $data }</b>
    📅 Срок: <b>{ $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }</b> — с первого подключения, а не с момента покупки
    💰 Цена: <b>{ $price }</b>
    🗺 Покрытие: { $coverage }
    📡 Сети: { $operators }

    📱 Телефон должен поддерживать eSIM и не быть привязан к оператору: { $devices }
buy-summary-coverage-more = { $list } и ещё { $more }
buy-summary-operators-unknown = лучшие местные сети
buy-devices-button = 📱 Совместимые устройства
buy-devices =
    📱 <b>Устройства с поддержкой eSIM</b>

    { $devices }

    Как проверить свой: iPhone — Настройки → Основные → Об этом устройстве, строка «Цифровая SIM» или «Доступные SIM»; Android — Настройки → Подключения → Диспетчер SIM-карт, пункт «Добавить eSIM».
buy-devices-more = …и ещё { $count }.
buy-pay-button = 💳 Оплатить { $price }
buy-back = ⬅️ Назад
buy-cancel = ✖️ Отмена
buy-invoice-sent = 👇 Вот счёт. eSIM придёт в этот чат сразу после оплаты.
buy-plan-gone = 😔 Этот тариф больше не продаётся. Выберите, пожалуйста, другой.
buy-use-buttons = Выберите вариант кнопками выше, напишите страну или отправьте /cancel.
buy-use-buttons-only = Выберите вариант кнопками выше или отправьте /cancel.
invoice-title = eSIM { $plan }
invoice-description = { $data }, { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    } с первого подключения. Придёт в этот чат QR-кодом.
invoice-label = eSIM { $plan }
