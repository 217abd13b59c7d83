# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Меню /admin (только для операторов)
admin-menu-title =
    🛠 <b>Управление магазином</b>
    Выберите действие:
admin-menu-sales = 📊 Продажи
admin-menu-attention = 🚨 Требует внимания
admin-menu-lookup = 🔎 Найти заказ
admin-menu-broadcast = 📣 Рассылка

## Рассылки: текст → предпросмотр → аудитория → подтверждение
broadcast-compose =
    📣 <b>Новая рассылка</b>
    Пришлите сообщение для путешественников: текст или одно фото с подписью. Форматирование (жирный, ссылки…) сохранится, а под сообщением будет кнопка «🔕 Не присылать новости».
    /cancel — отменить.
broadcast-compose-hint = Пришлите сообщение текстом или одно фото с подписью — или /cancel.
broadcast-use-buttons = Используйте кнопки под предпросмотром — или /cancel.
broadcast-audience =
    👆 Именно так сообщение увидят путешественники.
    Кому отправить? (Отписавшиеся от новостей и заблокировавшие бота не учитываются.)
broadcast-audience-all = 👥 Всем · { $count }
broadcast-audience-recent = 🛍 Купили за { $days } дн. · { $count }
broadcast-audience-esim = 📶 С активной eSIM · { $count }
broadcast-edit = ✏️ Изменить сообщение
broadcast-cancel = ✖️ Отмена
broadcast-confirm-all = Отправить сообщение выше <b>{ $count }</b> { $count ->
        [one] путешественнику
       *[other] путешественникам
    } — всем?
broadcast-confirm-recent = Отправить сообщение выше <b>{ $count }</b> { $count ->
        [one] путешественнику
       *[other] путешественникам
    }, купившим за последние { $days } дн.?
broadcast-confirm-esim = Отправить сообщение выше <b>{ $count }</b> { $count ->
        [one] путешественнику
       *[other] путешественникам
    } с активной eSIM?
broadcast-send = ✅ Отправить
broadcast-back = ⬅️ Назад
broadcast-started = ✅ Отправляю { $count } { $count ->
        [one] путешественнику
       *[other] путешественникам
    }. Ход рассылки — ниже.
broadcast-already-started = ✅ Эта рассылка уже отправляется ({ $count }).
broadcast-empty = В этой аудитории сейчас никого нет. Выберите другую.
broadcast-cancelled = Рассылка отменена. Ничего не отправлено.
broadcast-progress =
    📣 Рассылка: { $done } из { $total }
    ✅ Отправлено: { $sent } · 🚫 Заблокировали: { $blocked } · ⚠️ Ошибки: { $failed }
broadcast-progress-finished =
    📣 Рассылка завершена: { $done } из { $total }
    ✅ Отправлено: { $sent } · 🚫 Заблокировали: { $blocked } · ⚠️ Ошибки: { $failed }
broadcast-tally =
    ✅ <b>Рассылка завершена</b>
    Отправлено: { $sent }
    Заблокировали бота: { $blocked }
    Ошибки: { $failed }
    Отписались за это время: { $skipped }
