# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Inline mode (@bot in any chat)
inline-open-bot = Открыть бота
inline-open-mysims = 📱 Открыть «Мои eSIM»
inline-not-sold = 😔 Для страны { $country } тарифов пока нет · Все направления
inline-nothing-found = 🔎 Ничего не найдено · Все направления
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
