# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Главное меню
start-greeting =
    👋 Привет, { $name }! Я продаю eSIM для путешествий: мобильный интернет в 190+ странах, прямо здесь, QR-кодом примерно за минуту.

    Выберите страну, объём трафика и срок, оплатите в Telegram и отсканируйте QR-код до вылета. Срок действия начинается только с первого подключения за границей.
menu-buy = 🛒 Купить eSIM
menu-mysims = 📱 Мои eSIM
menu-language = 🌐 Язык
menu-help = ❓ Помощь
help =
    <b>Как это работает</b>
    1. /buy — выберите, куда едете, сколько трафика и на какой срок.
    2. Оплатите в Telegram. Здесь же придут QR-код и коды для ручной установки.
    3. Установите eSIM дома по Wi-Fi; отсчёт начнётся при первом подключении в поездке.

    /buy — купить eSIM
    /mysims — ваши eSIM: баланс, пополнение, QR снова
    /language — сменить язык
    /cancel — отменить текущее действие

## Язык
language-choose = Выберите язык:
language-changed = Язык: русский.

## Общие ответы
cancelled = Отменено. Отправьте /buy, когда будете готовы.
nothing-to-cancel = Отменять нечего. Отправьте /buy, чтобы купить eSIM.
button-expired = Эта кнопка устарела. Отправьте /buy, чтобы начать заново.
button-not-active = Эта кнопка больше не работает — используйте последнее сообщение.
unknown-command = Не знаю такой команды. Попробуйте /buy, /mysims, /language или /help.
fallback-text = Я продаю eSIM для путешествий: отправьте /buy, чтобы начать, или /help, чтобы узнать, как это работает.
fallback-media = Я понимаю только текст и кнопки. Отправьте /buy, чтобы купить eSIM.
group-only-private = Я продаю eSIM в личном чате, чтобы ваши коды остались только у вас. Нажмите, чтобы открыть его:
group-open-private = Открыть бота
shop-unavailable = Каталог eSIM обновляется. Попробуйте через несколько минут.

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

## Оплата
precheckout-unknown-order = Этот счёт больше не действует. Начните заново: /buy.
precheckout-wrong-user = Этот счёт выставлен другому человеку. Отправьте /buy, чтобы получить свой.
precheckout-already-paid = Этот заказ уже оплачен. eSIM скоро придёт в этот чат.
precheckout-not-sold = Этот тариф больше не продаётся. Выберите другой: /buy.
precheckout-price-changed = Цена этого тарифа изменилась. Начните заново с /buy, чтобы увидеть новую цену.
payment-received = ✅ Оплата получена. Готовлю eSIM — обычно это меньше минуты.
payment-duplicate-refunded = Вы оплатили заказ { $order } дважды. Второй платёж ({ $price }) возвращён.
payment-duplicate-manual = Вы оплатили заказ { $order } дважды. Второй платёж ({ $price }) мы скоро вернём.
payment-unknown-order-refunded = Не удалось связать ваш платёж с заказом, поэтому он возвращён. Начните заново: /buy.
payment-unknown-order-manual = Не удалось связать ваш платёж с заказом. Мы скоро его вернём; начните заново: /buy.

## Выдача
delivery-preparing = ⏳ Ваша eSIM готовится. Поставщик сейчас отвечает медленно — пришлю её сюда, как только она будет готова. Ничего делать не нужно.
delivery-caption =
    ✅ <b>Ваша eSIM готова: { $plan }</b>

    Отсканируйте этот QR-код: iPhone — Настройки → Сотовая связь → Добавить eSIM → Использовать QR-код; Android — Настройки → Подключения → Диспетчер SIM-карт → Добавить eSIM.
delivery-details =
    <b>Ручная установка</b>
    Адрес SM-DP+:
    <code>{ $smdp }</code>
    Код активации:
    <code>{ $code }</code>

    <b>iPhone</b> (iOS 17.4+): нажмите «Установить на iPhone» ниже. Или Настройки → Сотовая связь → Добавить eSIM → Использовать QR-код → Ввести данные вручную.
    <b>Android</b>: Настройки → Подключения → Диспетчер SIM-карт → Добавить eSIM → Сканировать QR-код или ввести код вручную.

    По прилёте включите для этой eSIM <b>роуминг данных</b>.

    ⚠️ QR-код устанавливается только один раз — не удаляйте eSIM с телефона после установки.
    📅 Срок ({ $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }) начинается с первого подключения. ICCID …{ $iccidTail }
delivery-install-iphone = 📲 Установить на iPhone
refund-automatic = 😔 Не удалось вовремя получить вашу eSIM ({ $plan }) у поставщика, поэтому платёж { $price } возвращён. Простите — попробуйте позже с /buy.
refund-manual = 😔 Не удалось вовремя получить вашу eSIM ({ $plan }) у поставщика. Наша команда скоро вернёт платёж { $price }. Простите за неудобство.

## Оповещения оператору (ADMIN_IDS)
admin-refund-needed =
    ⚠️ Нужен ручной возврат
    Заказ: <code>{ $order }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Платёж: <code>{ $charge }</code>
    Причина: { $reason }
admin-unknown-payment =
    ⚠️ Платёж за неизвестный заказ
    Payload: <code>{ $payload }</code>
    Пользователь: <code>{ $user }</code>
    Сумма: { $price }
    Платёж: <code>{ $charge }</code>

## Уведомления об eSIM
notify-activated =
    📶 <b>Ваша eSIM ({ $destination }) подключилась!</b>

    У вас { $data } до { $until }.
notify-data-low =
    ⚠️ <b>На eSIM ({ $destination }) заканчивается трафик</b>: осталось { $left } из { $data }.

    Пополните сейчас, чтобы остаться на связи.
notify-expiring-soon =
    ⏳ <b>Срок eSIM ({ $destination }) скоро закончится</b>: { $until }.

    Пополните, чтобы продлить без переустановки.
notify-expired-data = ⌛ <b>На eSIM ({ $destination }) закончился трафик.</b> Купите новый тариф, чтобы остаться на связи.
notify-expired-time = ⌛ <b>Срок eSIM ({ $destination }) истёк.</b> Купите новый тариф для следующей поездки.
notify-topup-button = ➕ Пополнить
notify-buy-again-button = 🔁 Купить снова

## My eSIMs (/mysims)
mysims-header = 📱 <b>Ваши eSIM</b> ({ $count })
mysims-empty = У вас пока нет eSIM. Купите eSIM для следующей поездки — она придёт сюда примерно за минуту.
mysims-inline-button = 🔎 Проверить из любого чата: @{ $bot }
mysims-back-button = ‹ Все мои eSIM
mysims-open-button = 📱 Мои eSIM
esim-card-title = { $flag } <b>{ $destination }</b> · { $plan }
esim-status-issued = ⏳ Ждёт установки
esim-status-active = ✅ Активна
esim-status-expired = ⌛ Истекла
esim-card-data = { $bar } осталось { $left } из { $total } (использовано { $used })
esim-validity-not-started = 📅 Срок начнётся при первом подключении ({ $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    })
esim-validity-days-left = 📅 Осталось { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }, до { $until }
esim-validity-hours-left = 📅 Осталось { $hours ->
        [one] { $hours } час
        [few] { $hours } часа
       *[many] { $hours } часов
    }, до { $until }
esim-validity-ended = 📅 Закончилась { $until }
esim-card-iccid = ICCID …{ $tail }
esim-checked = Обновлено { $ago }
esim-checked-just-now = только что
esim-refresh-button = 🔄 Обновить
esim-qr-button = 📷 Показать QR снова
esim-qr-installed = Эта eSIM уже установлена. QR-код устанавливается только один раз, сканировать его снова не нужно.
esim-not-yours = Этой eSIM нет в вашем аккаунте.

## Top-up
topup-choose =
    ➕ <b>Пополнить eSIM { $flag } { $destination }</b> (…{ $tail })
    Сейчас: осталось { $left }. { $validity }

    Выберите, что добавить — переустанавливать не нужно:
topup-option = +{ $data } · +{ $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } — { $price }
topup-cancel-button = ‹ Назад
topup-option-gone = Этот вариант больше не продаётся. Выберите другой.
topup-expired = ⌛ eSIM { $flag } <b>{ $destination }</b> истекла, пополнить её уже нельзя. Купить новый тариф для того же направления?
topup-not-sold = Пополнения для eSIM { $flag } <b>{ $destination }</b> сейчас не продаются. Можно купить новый тариф.
topup-invoice-title = Пополнение: { $destination }
topup-invoice-description = Добавит { $data } и { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } к вашей eSIM …{ $tail }. Переустанавливать не нужно.
topup-invoice-label = +{ $data }, +{ $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
topup-preparing = ⏳ Пополнение обрабатывается. Провайдер сейчас отвечает медленно — я напишу здесь, как только всё будет готово.
topup-applied = ✅ <b>Пополнение добавлено: +{ $data }, +{ $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }.</b>
topup-refund-automatic = 😔 Не удалось вовремя добавить пополнение ({ $plan }), поэтому оплата { $price } возвращена. Извините.
topup-refund-manual = 😔 Не удалось вовремя добавить пополнение ({ $plan }). Наша команда скоро вернёт оплату { $price }. Извините.
precheckout-esim-expired = Эта eSIM истекла, пополнить её нельзя. Откройте /mysims, чтобы купить новый тариф.

## Inline mode (@bot in any chat)
inline-open-bot = Открыть бота
inline-open-mysims = 📱 Открыть «Мои eSIM»
inline-esim-title = { $flag } { $destination }: осталось { $left } из { $total }
inline-plan-title = { $flag } { $destination } · { $data } · { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
inline-plan-description = { $price } · срок начинается при первом подключении
inline-plan-buy = 🛒 Купить в боте
inline-plan-card =
    { $flag } <b>eSIM { $destination }</b>: { $data } на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } — { $price }
    Приходит в Telegram в виде QR-кода; срок начинается при первом подключении.
