# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Plan picker and one-line requests
buy-plans =
    { $flag } <b>{ $destination }</b>

    📶 Выберите тариф: трафик · дни · цена. Срок начинается с первого подключения.
buy-plans-best =
    { $flag } <b>{ $destination }</b>

    📶 Выберите тариф: трафик · дни · цена. Срок начинается с первого подключения.
    💎 — самый выгодный за 1 ГБ.
buy-plan-option = { $data } · { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    } · { $price }
buy-best-mark = 💎
buy-steps-button = 🪜 По шагам: трафик, затем срок
buy-days = { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }
buy-nearest = 🔎 Тарифа ровно на { $wish } нет: вот ближайший.
buy-wish-where = 🌍 Куда нужно { $wish }? Напишите страну или выберите ниже.
