# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

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
