# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## "Когда вылет?" после доставки
trip-question = ✈️ <b>Когда вы уезжаете?</b> Накануне напомню установить eSIM по Wi-Fi, а в день поездки — включить для неё роуминг данных.
trip-today = Сегодня
trip-tomorrow = Завтра
trip-in-days = Через { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
trip-pick = 📅 Выбрать дату
trip-skip = Без напоминаний
trip-calendar = 📅 <b>Когда вы уезжаете?</b> Выберите день.
trip-earlier = ‹ Раньше
trip-later = Позже ›
trip-back = ⬅️ Назад
trip-set = ✈️ Отъезд <b>{ $date }</b>. Напомню накануне и в день поездки.
trip-skipped = 👌 Без напоминаний. Установите eSIM дома по Wi-Fi до вылета, а по прилёте включите для неё роуминг данных.
trip-change = ✏️ Изменить дату
trip-day-passed = Этот день уже прошёл. Выберите другой.

## Напоминания
remind-install-check =
    🤔 <b>Ваша eSIM ({ $destination }) установилась?</b>

    Если она уже в телефоне — всё готово: заработает, когда вы прилетите. Если что-то пошло не так, я помогу.
remind-installed-button = Установлена ✅
remind-help-button = 🆘 Нужна помощь
remind-installed-thanks = 🎉 Отлично, спасибо! По прилёте включите для eSIM роуминг данных. Хорошей поездки!
remind-trip-eve =
    ✈️ <b>Завтра поездка: { $destination }!</b>

    Ещё не установили eSIM? Сделайте это сегодня дома по Wi-Fi: для установки нужен интернет. Дни eSIM начнут считаться только с подключения на месте.
remind-trip-day =
    🛬 <b>День поездки: { $destination }!</b>

    По прилёте: Настройки → Сотовая связь (Android: SIM-карты) → включите линию eSIM и её <b>роуминг данных</b> и выберите её для мобильных данных.
