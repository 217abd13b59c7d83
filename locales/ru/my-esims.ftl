# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

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
