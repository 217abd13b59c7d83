# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

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
